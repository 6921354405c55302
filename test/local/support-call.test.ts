import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualJob } from '../../functions/core/manual-queue';
import { replayJob } from '../../functions/core/replay-job';
import { type MimePart, parseMime } from '../../local/aws/mime-reader';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { eventually, postCall, sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';

let stack: LocalStack;

// 0.0002 plays the one-hour SLA of a critical ticket in under a second.
beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.0002, env: { CONNECTOR_TIMEOUT_MS: '300' } });
});
afterAll(() => stack.stop());
beforeEach(async () => {
  // SLA watches of earlier tests would alert in the middle of later ones.
  for (const execution of stack.stepFunctions.executions.values()) {
    if (execution.status === 'RUNNING') execution.discard();
  }
  for (const standin of [stack.hubspot, stack.slack, stack.ses, stack.jira, stack.confluence]) {
    standin.reset();
  }
  await takeJobs(stack);
});

function supportCall(email: string, summary: string, context: Record<string, unknown> = {}) {
  return sampleCall({
    conversation_context: {
      customer_email: email,
      customer_name: 'Nils Berg',
      company_name: 'Initrode Software',
      conversation_summary: summary,
      detected_intent: 'support',
      urgency_level: 'medium',
      ...context,
    },
    custom_data: { budget_mentioned: null, pain_points: null },
  });
}

/** The plain-text part of an e-mail in the outbox, as the reader sees it. */
async function textOf(file: string | undefined): Promise<string> {
  const leaves = (part: MimePart): MimePart[] =>
    part.parts.length ? part.parts.flatMap(leaves) : [part];
  const mime = parseMime(await readFile(file ?? '', 'utf8'));
  return (
    leaves(mime)
      .find((part) => part.mediaType === 'text/plain')
      ?.body.toString('utf8') ?? ''
  );
}

/** To the support flow unless said otherwise. */
const send = (body: unknown, options: Parameters<typeof postCall>[2] = {}) =>
  postCall(stack.apiUrl, body, { flow: 'support', ...options });

const ticketOf = (id: unknown) => stack.hubspot.tickets.tickets.get(String(id));
const watchOf = (executionId: unknown) =>
  [...stack.stepFunctions.executions.values()].find(
    (execution) => execution.name === `sla-${String(executionId)}`,
  );

describe('a support call', () => {
  it('answers a how-to question from the knowledge base and marks the ticket self-service', async () => {
    const answer = await send(
      supportCall(
        'howto@initrode.example',
        'How do I forward calls to my mobile when the office is closed?',
      ),
      { flow: 'auto' },
    );

    expect(answer.body.status).toBe('completed');
    expect(answer.body.workflow_id).toBe('wf_support');
    const ticketId = answer.body.results?.ticket?.ticket_id;
    expect(answer.body.results?.ticket).toMatchObject({ resolution: 'self_service' });
    expect(answer.body.results?.knowledge_base).toMatchObject({
      answered: true,
      article: 'call-forwarding',
      article_url: 'https://help.voice-automation.example/en/articles/call-forwarding',
    });
    expect(answer.body.message).toMatch(
      /^Here is what our help center says: In the dashboard, open Phone numbers.*Your ticket number is \d+\.$/,
    );
    expect(answer.body.message).toContain(`ticket number is ${ticketId}.`);

    expect(ticketOf(ticketId)?.properties).toMatchObject({
      hs_pipeline_stage: '2',
      support_resolution: 'self_service',
      voice_call_id: answer.body.execution_id,
    });
    expect(ticketOf(ticketId)?.contactIds).toEqual([
      stack.hubspot.store.contactByEmail('howto@initrode.example')?.id,
    ]);
    const [reply] = stack.ses.messages();
    expect(reply).toMatchObject({
      subject: 'Your question: Forward calls to another number',
      to: ['howto@initrode.example'],
    });
    expect(await textOf(reply?.file)).toContain(
      'https://help.voice-automation.example/en/articles/call-forwarding',
    );
    expect(stack.ses.messages()).toHaveLength(1);
    expect(stack.jira.issues()).toHaveLength(0);
    expect(watchOf(answer.body.execution_id)).toBeUndefined();
  });

  it('answers a German question with the German article, in German', async () => {
    const answer = await send(
      supportCall(
        'frage@initrode.example',
        'Wo finde ich meine Rechnungen und wie ändere ich die Rechnungsadresse?',
      ),
      { flow: 'support', headers: { 'accept-language': 'de' } },
    );

    expect(answer.body.results?.knowledge_base).toMatchObject({ article: 'invoices' });
    expect(answer.body.message).toMatch(
      /^Dazu sagt unser Hilfe-Center: Ihre Rechnungen finden Sie unter Konto.*Ihre Ticketnummer ist \d+\.$/,
    );
    expect(stack.ses.messages()[0]?.subject).toBe(
      'Ihre Frage: Rechnungen herunterladen und Rechnungsdaten ändern',
    );
  });

  it('opens a ticket and a tracker issue for a bug, starts the SLA timer and names the time', async () => {
    const answer = await send(
      supportCall(
        'bug@initrode.example',
        'Since this morning every outbound call fails with error SIP 503.',
        { urgency_level: 'high' },
      ),
    );
    const received = Date.now();

    expect(answer.body.status).toBe('completed');
    const ticketId = String(answer.body.results?.ticket?.ticket_id);
    expect(answer.body.message).toBe(
      `I have opened ticket ${ticketId} for you. Our technical team will get back to you within 4 hours.`,
    );
    const respondBy = Date.parse(String(answer.body.results?.sla?.respond_by));
    expect(Math.abs(respondBy - (received + 4 * 3600_000))).toBeLessThan(60_000);
    expect(answer.body.results?.sla).toMatchObject({
      level: 'high',
      target: '4h',
      watch: 'started',
    });

    const [issue] = stack.jira.issues();
    expect(issue?.key).toBe('SUP-1');
    expect(issue?.fields).toMatchObject({
      issuetype: { name: 'Bug' },
      labels: [`helpdesk-ticket-${ticketId}`, 'phone-support'],
      priority: { name: 'High' },
    });
    expect(answer.body.results?.issue).toEqual({
      key: 'SUP-1',
      url: `${stack.jira.url}/browse/SUP-1`,
    });
    expect(ticketOf(ticketId)?.properties).toMatchObject({
      hs_pipeline_stage: '3',
      hs_ticket_priority: 'HIGH',
      hs_ticket_category: 'PRODUCT_ISSUE',
      hubspot_owner_id: '505',
      jira_issue_key: 'SUP-1',
      sla_due_at: answer.body.results?.sla?.respond_by,
    });
    expect(watchOf(answer.body.execution_id)?.status).toBe('RUNNING');
    expect(stack.slack.messages()).toEqual([
      expect.objectContaining({
        requestedChannel: '#support-technical',
        text: expect.stringContaining(`New high support ticket ${ticketId}`),
      }),
    ]);
    expect(stack.ses.messages().map((message) => message.subject)).toEqual([
      `We have received your support request ${ticketId}`,
    ]);
  });

  it('raises a complaint one level and copies it to the success team', async () => {
    const answer = await send(
      supportCall(
        'angry@initrode.example',
        'Nobody called me back about my cancelled appointment last week, I am very unhappy.',
        { detected_intent: 'complaint', urgency_level: 'medium' },
      ),
      { flow: 'auto' },
    );

    expect(answer.body.status).toBe('completed');
    expect(answer.body.results?.ticket).toMatchObject({ priority: 'high', complaint: true });
    expect(answer.body.results?.notifications_sent?.success_team_copy).toBe('sent');
    const ticketId = String(answer.body.results?.ticket?.ticket_id);
    expect(ticketOf(ticketId)?.properties.hs_ticket_priority).toBe('HIGH');
    const copy = stack.ses.messages().find((message) => message.subject.startsWith('Complaint'));
    expect(copy).toMatchObject({
      to: ['customer-success@voice-automation.example'],
      subject: `Complaint from Nils Berg (Initrode Software): ticket ${ticketId}`,
    });
  });

  it('alerts the team when the SLA is about to run out and again when it has', async () => {
    const answer = await send(
      supportCall(
        'critical@initrode.example',
        'The whole call center is down, every call crashes.',
        {
          urgency_level: 'critical',
        },
      ),
    );
    const ticketId = String(answer.body.results?.ticket?.ticket_id);
    expect(answer.body.message).toContain('within one hour');

    const watch = await eventually(async () => {
      const execution = watchOf(answer.body.execution_id);
      return execution?.status === 'SUCCEEDED' ? execution : undefined;
    });

    expect(watch.status).toBe('SUCCEEDED');
    const alerts = stack.slack.messages().map((message) => message.text);
    expect(alerts).toContainEqual(
      expect.stringMatching(new RegExp(`SLA at risk: ticket ${ticketId} \\(critical\\)`)),
    );
    expect(alerts).toContainEqual(
      expect.stringMatching(new RegExp(`SLA breached: ticket ${ticketId}`)),
    );
    const subjects = stack.ses.messages().map((message) => message.subject);
    expect(subjects).toContainEqual(expect.stringMatching(/^SLA at risk: ticket \d+ \(critical\)/));
    expect(subjects).toContain(`SLA breached: ticket ${ticketId} (critical)`);
  });

  it('raises no SLA alert for a ticket the team has answered', async () => {
    const answer = await send(
      supportCall(
        'answered@initrode.example',
        'Our agent crashes whenever a caller says goodbye.',
        {
          urgency_level: 'critical',
        },
      ),
    );
    const ticketId = String(answer.body.results?.ticket?.ticket_id);
    stack.hubspot.tickets.update(ticketId, { hs_pipeline_stage: '4' });

    await eventually(async () =>
      watchOf(answer.body.execution_id)?.status === 'SUCCEEDED' ? true : undefined,
    );

    const alerts = stack.slack
      .messages()
      .filter((message) => /SLA (at risk|breached)/.test(message.text));
    expect(alerts).toEqual([]);
    expect(
      stack.hubspot.requests({ method: 'GET', path: `/crm/v3/objects/tickets/${ticketId}` }),
    ).toHaveLength(1);
  });

  it('answers partial, with the ticket and the time, when the issue tracker stays down', async () => {
    stack.jira.injectFault({ kind: 'status', status: 503, times: 'always' });

    const answer = await send(
      supportCall('jira-down@initrode.example', 'Exporting recordings fails with error E-4711.', {
        urgency_level: 'high',
      }),
    );

    expect(answer.body.status).toBe('partial');
    expect(answer.body.warnings).toEqual([
      'Issue tracker temporarily unavailable',
      'The steps that failed were handed to a colleague through the manual processing queue.',
    ]);
    expect(answer.body.message).toMatch(
      /^I have opened ticket \d+ for you\. Our technical team will get back to you within 4 hours\. There was a minor technical note regarding the issue tracker\.$/,
    );
    expect(answer.body.results?.issue).toEqual({ status: 'failed' });
    expect(stack.jira.requests({ path: '/rest/api/3/search/jql' })).toHaveLength(4);
    const jobs = await takeJobs(stack);
    expect(jobs.map((job) => [job.kind, job.failedSteps.map((step) => step.step)])).toEqual([
      ['failed-steps', ['support.FileTrackerIssue']],
    ]);
  });

  it('hands the call to the support team when the helpdesk is down, and a replay opens one ticket', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const body = supportCall('helpdesk-down@initrode.example', 'How do I reset my password?');

    const handedOver = await send(body);
    const resent = await send(body);

    expect(handedOver.body.status).toBe('accepted');
    expect(handedOver.body.errors).toEqual([
      'support.OpenTicket: ServiceUnavailableError: hubspot answered 503',
    ]);
    expect(resent.body.execution_id).toBe(handedOver.body.execution_id);
    expect(resent.body.status).toBe('accepted');
    const [job] = await takeJobs(stack);
    expect(job).toMatchObject({
      kind: 'failed-run',
      workflow: 'support',
      failedSteps: [{ step: 'support.OpenTicket', attempts: 4 }],
      fallback: { 'fallback-notify-support': expect.stringMatching(/^e-mail /) },
    });

    stack.hubspot.clearFaults();
    const target = {
      callsTable: 'calls',
      stateMachines: { support: process.env.SUPPORT_STATE_MACHINE_ARN },
      ttlSeconds: 86_400,
    };
    expect(await replayJob(job as ManualJob, target)).toMatchObject({
      result: 'ran',
      status: 'completed',
    });
    expect(await replayJob(job as ManualJob, target)).toEqual({ result: 'already-completed' });
    expect(stack.hubspot.tickets.tickets.size).toBe(1);
  });
});
