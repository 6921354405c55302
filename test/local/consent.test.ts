import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../functions/core/audit-trail';
import { handler as sendEmail } from '../../functions/handlers/send-email';
import type { LeadTaskInput } from '../../functions/lead/lead-task';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { FIXTURE_CALL } from '../fixtures/calls';
import { postCall, sampleCall } from '../helpers/calls';
import { accepted, bodyWith, rejected } from '../intake/call-bodies';

describe('marketing consent in a call', () => {
  it('is read from the agent’s yes or no, in any of the usual spellings', () => {
    expect(
      accepted(bodyWith({ 'conversation_context.marketing_consent': 'ja' })).marketingConsent,
    ).toBe(true);
    expect(
      accepted(bodyWith({ 'conversation_context.marketing_consent': false })).marketingConsent,
    ).toBe(false);
    expect(accepted(bodyWith({})).marketingConsent).toBeUndefined();
    expect(rejected(bodyWith({ 'conversation_context.marketing_consent': 'maybe later' }))).toEqual(
      [
        expect.objectContaining({
          field: 'conversation_context.marketing_consent',
          problem: 'must be true or false',
        }),
      ],
    );
  });

  it('keeps a caller who declined from the marketing e-mails, and only from those', async () => {
    const declined = { ...FIXTURE_CALL, marketingConsent: false };
    const input = (template: string) =>
      ({
        template,
        executionId: 'exec_x',
        receivedAt: 0,
        language: 'en',
        call: declined,
      }) as unknown as LeadTaskInput;

    expect(await sendEmail(input('check-in'))).toEqual({ status: 'skipped', channel: 'email' });
    expect(await sendEmail(input('quarterly-review'))).toEqual({
      status: 'skipped',
      channel: 'email',
    });
  });
});

describe('marketing consent on the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ timeScale: 0.001 });
  });
  afterAll(() => stack.stop());

  it('is recorded in the audit trail and on the new CRM contact', async () => {
    const answer = await postCall(
      stack.apiUrl,
      sampleCall({
        conversation_context: {
          customer_email: 'consenting@initrode.example',
          marketing_consent: 'yes',
        },
      }),
    );

    expect(answer.body.status).toBe('completed');
    const contact = stack.hubspot.store.contactByEmail('consenting@initrode.example');
    expect(contact?.properties.marketing_consent).toBe('granted');
    const trail = await readAuditTrail(String(answer.body.execution_id));
    expect(trail).toContainEqual(
      expect.objectContaining({
        actor: 'caller',
        action: 'consent.recorded',
        detail: { marketing: true },
      }),
    );
  });
});
