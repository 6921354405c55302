import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualJob } from '../../functions/core/manual-queue';
import { replayJob } from '../../functions/core/replay-job';
import { RETURNING_CUSTOMER_EMAIL } from '../../local/crm-seed';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { eventually, postCall, sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';
import { emailWith } from '../helpers/outbox';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
});
afterAll(() => stack.stop());
beforeEach(async () => {
  for (const standin of [stack.hubspot, stack.slack, stack.enrichment, stack.ses, stack.sns]) {
    standin.reset();
  }
  await takeJobs(stack);
});

const replayTarget = () => ({
  callsTable: 'calls',
  stateMachines: {
    lead: process.env.LEAD_STATE_MACHINE_ARN,
    support: process.env.SUPPORT_STATE_MACHINE_ARN,
    'high-value': process.env.HIGH_VALUE_STATE_MACHINE_ARN,
  },
  ttlSeconds: 86_400,
});

const contactCreations = () =>
  stack.hubspot.requests({ method: 'POST', path: '/crm/v3/objects/contacts' });

describe('a sales call on the lead flow', () => {
  it('completes with a spoken message and the results the stand-ins saw', async () => {
    const answer = await postCall(stack.apiUrl, sampleCall());

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('completed');
    expect(answer.body.execution_id).toMatch(/^exec_[0-9a-f]{32}$/);
    expect(answer.body.message).toMatch(
      /^Perfect! I have processed your request and scheduled a follow-up for /,
    );
    const lead = answer.body.results?.lead_created ?? {};
    expect(lead.crm_contact_id).toBe(
      stack.hubspot.store.contactByEmail('lena.fischer@globex-logistics.example')?.id,
    );
    expect(lead.assigned_team).toBe('standard');
    expect(answer.body.results?.notifications_sent).toEqual({
      email_confirmation: 'sent',
      chat_notification: 'sent',
      calendar_invite: 'sent',
      sms_alert: 'skipped',
    });
    expect(answer.body.results?.follow_up_scheduled?.task_id).toBe(
      [...stack.hubspot.store.tasks.keys()][0],
    );

    expect(contactCreations()).toHaveLength(1);
    expect(stack.hubspot.store.tasks.size).toBe(1);
    expect(stack.slack.messages()).toHaveLength(1);
    expect(
      stack.ses
        .messages()
        .map((message) => message.subject)
        .sort(),
    ).toEqual(['Invitation: follow-up call on your request', 'We have received your request']);
    expect(stack.sns.messages()).toHaveLength(0);
  });

  it('answers a repeat with a new timestamp from the first run, creating nothing again', async () => {
    const body = sampleCall({
      conversation_context: { customer_email: 'repeat@initrode.example' },
    });
    const first = await postCall(stack.apiUrl, body);
    const again = await postCall(stack.apiUrl, {
      ...body,
      conversation_context: {
        ...(body.conversation_context as object),
        timestamp: new Date().toISOString(),
      },
    });

    expect(again.body.execution_id).toBe(first.body.execution_id);
    expect(again.body).toEqual({ ...first.body, message: again.body.message });
    expect(contactCreations()).toHaveLength(1);
    expect(stack.slack.messages()).toHaveLength(1);
    expect(stack.ses.messages()).toHaveLength(2);
  });

  it('runs ten identical concurrent deliveries once and gives all of them the same answer', async () => {
    const body = sampleCall({ conversation_context: { customer_email: 'storm@initrode.example' } });
    const before = stack.stepFunctions.executions.size;

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postCall(stack.apiUrl, body)),
    );

    expect(new Set(answers.map((answer) => answer.body.execution_id)).size).toBe(1);
    expect(
      answers.every((answer) => answer.status === 200 && answer.body.status === 'completed'),
    ).toBe(true);
    expect(stack.stepFunctions.executions.size).toBe(before + 1);
    expect(contactCreations()).toHaveLength(1);
    expect(stack.slack.messages()).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different call with 409, creating nothing', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const first = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: 'first@initrode.example' } }),
      { headers },
    );
    const second = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: 'second@initrode.example' } }),
      { headers },
    );

    expect(first.body.status).toBe('completed');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/already used for a different call/);
    expect(contactCreations()).toHaveLength(1);
  });

  it('runs a call once however it is spelled and whether it is sent to lead or auto', async () => {
    const plain = sampleCall({
      conversation_context: { customer_email: 'spelling@initrode.example' },
    });
    const respelled = sampleCall({
      conversation_context: {
        customer_email: ' Spelling@Initrode.example ',
        detected_intent: 'SALES',
        timestamp: new Date().toISOString(),
      },
      custom_data: { pain_points: ['missed delivery calls', 'manual dispatch notes'] },
    });

    const answers = [
      await postCall(stack.apiUrl, plain),
      await postCall(stack.apiUrl, respelled),
      await postCall(stack.apiUrl, plain, { flow: 'auto' }),
    ];

    expect(new Set(answers.map((answer) => answer.body.execution_id)).size).toBe(1);
    expect(contactCreations()).toHaveLength(1);
    expect(stack.slack.messages()).toHaveLength(1);
  });

  it('says in notes what it ignored or could not read', async () => {
    const body = sampleCall({
      conversation_context: { customer_email: 'notes@initrode.example' },
      custom_data: { budget_mentioned: 'a decent amount', budgt: '500k' },
    });

    const answer = await postCall(stack.apiUrl, body);

    expect(answer.body.status).toBe('completed');
    expect(answer.body.notes).toEqual([
      'ignored unknown field custom_data.budgt',
      'custom_data.budget_mentioned holds no amount and was left out',
    ]);
  });

  it('escalates a critical call that mentions a competitor and a budget over 100k', async () => {
    const answer = await postCall(
      stack.apiUrl,
      sampleCall({
        conversation_context: { customer_email: 'ceo@initrode.example', urgency_level: 'critical' },
        custom_data: { budget_mentioned: '150.000 €', competitor_mentioned: 'Contoso, Fabrikam' },
      }),
    );

    expect(answer.body.status).toBe('completed');
    expect(answer.body.results?.lead_created?.assigned_team).toBe('enterprise');
    expect(answer.body.results?.conditional_actions).toEqual({
      critical_urgency: 'done',
      competitor_response: 'done',
      enterprise_budget: 'done',
    });
    expect(stack.sns.messages()).toEqual([
      expect.objectContaining({
        to: '+4915100000001',
        text: expect.stringContaining('CRITICAL lead'),
      }),
    ]);
    const channels = stack.slack
      .messages()
      .map((message) => message.requestedChannel)
      .sort();
    expect(channels).toEqual(['#pricing-strategy', '#sales-enterprise']);
    const subjects = stack.ses.messages().map((message) => message.subject);
    expect(subjects).toContain('Battle card: Contoso, Fabrikam');
    expect(subjects).toContain('Urgent meeting on your request');
    const contact = stack.hubspot.store.contactByEmail('ceo@initrode.example');
    expect(contact?.properties).toMatchObject({
      call_priority: 'critical',
      contact_owner_email: 'cro@voice-automation.example',
    });
    expect(stack.hubspot.store.tasks.size).toBe(2);
  });

  it('hands a lead scoring above 90 over for approval without sending follow-ups', async () => {
    const answer = await postCall(
      stack.apiUrl,
      sampleCall({
        conversation_context: {
          customer_email: RETURNING_CUSTOMER_EMAIL,
          urgency_level: 'critical',
        },
        custom_data: { budget_mentioned: '250k' },
      }),
    );

    expect(answer.body.status).toBe('pending_approval');
    expect(Number(answer.body.results?.lead_created?.lead_score)).toBeGreaterThan(90);
    expect(answer.body.message).toMatch(/specialist will review/);
    expect(contactCreations()).toHaveLength(0);
    const approval = await emailWith(stack, /^Approval needed: high-value lead/);
    expect(approval.to).toEqual(['sales-manager@voice-automation.example']);
    expect(stack.ses.messages()).toHaveLength(1);
    expect(stack.slack.messages()).toHaveLength(0);
  });

  it('answers partial when the chat service stays down, and hands the message to a person', async () => {
    stack.slack.injectFault({ kind: 'status', status: 503, times: 'always' });

    const answer = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: 'partial@initrode.example' } }),
    );

    expect(answer.body.status).toBe('partial');
    expect(answer.body.warnings).toEqual([
      'Chat service temporarily unavailable',
      'The steps that failed were handed to a colleague through the manual processing queue.',
    ]);
    expect(answer.body.message).toBe(
      'Everything is set up. There was a minor technical note regarding the chat service, but you have received the e-mail confirmation and the calendar invitation.',
    );
    // Four tries of the team's message, one of the admin's notice (a last resort, tried once).
    expect(stack.slack.requests({ path: '/api/chat.postMessage' })).toHaveLength(5);
    const [job, ...others] = await takeJobs(stack);
    expect(others).toEqual([]);
    expect(answer.body.results?.manual_processing).toEqual({
      job_id: job?.jobId,
      reason: 'failed-steps',
    });
    expect(job).toMatchObject({
      kind: 'failed-steps',
      workflow: 'lead',
      executionId: answer.body.execution_id,
      run: answer.body.execution_id,
      failedSteps: [
        {
          step: 'lead.NotifyTeamChat',
          error: 'ServiceUnavailableError: slack answered 503',
          attempts: 4,
        },
      ],
      adminNotified: ['email'],
      input: { executionId: answer.body.execution_id, workflow: 'lead' },
    });
    const notice = await emailWith(stack, /^\[Manual processing\] Some steps failed/);
    expect(notice.to).toEqual(['ops@voice-automation.example']);
    expect(notice.text).toContain(`npm run queue -- replay ${job?.jobId}`);
    expect(notice.text).not.toContain('partial@initrode.example');
  });

  it('retries a chat service that is briefly unavailable and completes', async () => {
    stack.slack.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 });

    const answer = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: 'retry@initrode.example' } }),
    );

    expect(answer.body.status).toBe('completed');
    expect(stack.slack.requests({ path: '/api/chat.postMessage' })).toHaveLength(3);
    expect(stack.slack.messages()).toHaveLength(1);
  });

  it('hands the call to a person when the CRM stays down, and a replay then finishes it once', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const body = sampleCall({ conversation_context: { customer_email: 'down@initrode.example' } });

    const handedOver = await postCall(stack.apiUrl, body);
    const resent = await postCall(stack.apiUrl, body);

    expect(handedOver.body.status).toBe('accepted');
    expect(handedOver.body.message).toBe(
      'Thank you, I have taken down your details and passed them to a colleague, who will get back to you personally.',
    );
    expect(handedOver.body.errors).toEqual([
      'lead.CheckCrmForDuplicate: ServiceUnavailableError: hubspot answered 503',
    ]);
    expect(stack.hubspot.requests({ path: '/crm/v3/objects/contacts/search' })).toHaveLength(4);
    expect(resent.body).toEqual({ ...handedOver.body, message: resent.body.message });
    const [job, ...others] = await takeJobs(stack);
    expect(others).toEqual([]);
    expect(job).toMatchObject({
      kind: 'failed-run',
      reason: 'The lead workflow stopped at a step it cannot do without.',
      failedSteps: [{ step: 'lead.CheckCrmForDuplicate', attempts: 4 }],
      // The fallback's direct call to the CRM failed too; its e-mail to the sales team went out.
      fallback: {
        'fallback-contact': 'failed: ServiceUnavailableError',
        'fallback-notify-sales': expect.stringMatching(/^e-mail /),
      },
      adminNotified: ['chat', 'email'],
    });
    const toSales = await emailWith(stack, /^Call needs a person: /);
    expect(toSales.text).toContain('down@initrode.example');

    stack.hubspot.clearFaults();
    const replayed = await replayJob(job as ManualJob, replayTarget());
    const again = await replayJob(job as ManualJob, replayTarget());

    expect(replayed).toMatchObject({ result: 'ran', status: 'completed' });
    expect(again).toEqual({ result: 'already-completed' });
    const status = await fetch(`${stack.apiUrl}/executions/${handedOver.body.execution_id}`, {
      headers: { authorization: 'Bearer local-dev-token' },
    });
    expect(((await status.json()) as { status: string }).status).toBe('completed');
    expect(contactCreations().filter((request) => !request.fault)).toHaveLength(1);
    expect(stack.slack.messages().map((message) => message.requestedChannel)).toEqual([
      '#ops-alerts',
      '#inside-sales',
    ]);
  });

  it('speaks German when the caller asks for it', async () => {
    const answer = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: 'deutsch@initrode.example' } }),
      { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } },
    );

    expect(answer.body.message).toMatch(
      /^Perfekt! Ich habe Ihre Anfrage aufgenommen und einen Rückruf für .* eingeplant\./,
    );
  });

  it('answers accepted when the budget runs out, and the run finishes by itself', async () => {
    stack.hubspot.injectFault({ kind: 'hang', times: 1 });
    process.env.TIME_BUDGET_MS = '200';
    const { resetConfig } = await import('../../functions/core/config');
    resetConfig();

    try {
      const answer = await postCall(
        stack.apiUrl,
        sampleCall({ conversation_context: { customer_email: 'slow@initrode.example' } }),
      );
      expect(answer.body.status).toBe('accepted');
      expect(answer.body.message).toMatch(/still being processed/);

      const finished = await eventually(async () => {
        const response = await fetch(`${stack.apiUrl}/executions/${answer.body.execution_id}`, {
          headers: { authorization: 'Bearer local-dev-token' },
        });
        const body = (await response.json()) as { status: string };
        return body.status === 'accepted' ? undefined : body;
      });
      expect(finished.status).toBe('completed');
    } finally {
      process.env.TIME_BUDGET_MS = '10000';
      resetConfig();
    }
  });
});
