import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuditTrail, refusalsTrail } from '../../functions/core/audit-trail';
import type { ManualJob } from '../../functions/core/manual-queue';
import { replayJob } from '../../functions/core/replay-job';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { postCall, sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
});
afterAll(() => stack.stop());
beforeEach(async () => {
  stack.hubspot.reset();
  stack.slack.reset();
  await takeJobs(stack);
});

const call = (email: string) =>
  sampleCall({ conversation_context: { customer_email: email, customer_name: 'Greta Audit' } });

describe('the audit trail', () => {
  it('records a call from its acceptance through every step to its outcome, without personal data', async () => {
    const answer = await postCall(stack.apiUrl, call('greta.audit@initrode.example'));

    const trail = await readAuditTrail(String(answer.body.execution_id));

    const actions = trail.map((entry) => entry.action);
    expect(actions.slice(0, 2).sort()).toEqual(['call.accepted', 'execution.started']);
    expect(actions.at(-1)).toBe('execution.finished');
    expect(trail.at(-1)).toMatchObject({ actor: 'system', detail: { status: 'completed' } });
    const steps = trail.filter((entry) => entry.action === 'step.completed');
    expect(steps.map((entry) => entry.detail?.step)).toEqual(
      expect.arrayContaining([
        'lead.CheckCrmForDuplicate',
        'lead.CreateLead',
        'lead.SendConfirmationEmail',
      ]),
    );
    expect(trail.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true);
    expect(JSON.stringify(trail)).not.toMatch(/greta|audit@|initrode/i);
  });

  it('records the failure, the hand-over and the operator’s replay', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const answer = await postCall(stack.apiUrl, call('greta.replay@initrode.example'));
    const [job] = await takeJobs(stack);
    stack.hubspot.clearFaults();

    await replayJob(job as ManualJob, {
      callsTable: 'calls',
      stateMachines: { lead: process.env.LEAD_STATE_MACHINE_ARN },
      ttlSeconds: 86_400,
      actor: 'operator:dana',
    });

    const trail = await readAuditTrail(String(answer.body.execution_id));
    const seen = trail.map((entry) => [
      entry.actor,
      entry.action,
      entry.detail?.status ?? entry.detail?.kind ?? entry.detail?.step ?? '',
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['system', 'step.failed', 'lead.CheckCrmForDuplicate'],
        ['system', 'job.queued', 'failed-run'],
        ['system', 'execution.finished', 'accepted'],
        ['operator:dana', 'job.replayed', ''],
        ['system', 'execution.finished', 'completed'],
      ]),
    );
  });

  it('records a refused call by the fields that were wrong, in the hour’s trail', async () => {
    const refused = await postCall(stack.apiUrl, {
      ...call('not-an-address'),
    });

    expect(refused.status).toBe(400);
    const trail = await readAuditTrail(refusalsTrail());
    expect(trail.at(-1)).toMatchObject({
      actor: 'caller',
      action: 'call.refused',
      detail: { flow: 'lead', fields: 'conversation_context.customer_email' },
    });
  });
});
