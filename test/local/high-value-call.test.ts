import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalIdFor, approvalUrl } from '../../functions/approval/approval-link';
import { resetConfig } from '../../functions/core/config';
import { logger } from '../../functions/core/logger';
import { RETURNING_CUSTOMER_EMAIL } from '../../local/crm-seed';
import { LOCAL_SECRETS } from '../../local/local-env';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { eventually, postCall } from '../helpers/calls';
import { highValueCall as highValueCallOf } from '../helpers/high-value';
import { approvalLink, emailWith, readEmails } from '../helpers/outbox';

/** Settings in hours, given here in seconds (the time scale applies to the stack's defaults). */
const SECONDS = (n: number) => String(n / 3600);
let stack: LocalStack;
let settings: NodeJS.ProcessEnv;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001 });
  settings = { ...process.env };
});
afterAll(() => stack.stop());
beforeEach(() => {
  for (const standin of [stack.hubspot, stack.slack, stack.enrichment, stack.ses, stack.sns])
    standin.reset();
});
afterEach(() => {
  Object.assign(process.env, settings);
  resetConfig();
});

/** Sets approval timings, in seconds, for the calls that follow. */
function timings(settings: Record<string, number | string>) {
  for (const [name, value] of Object.entries(settings)) {
    process.env[name] = typeof value === 'number' ? SECONDS(value) : value;
  }
  resetConfig();
}

/** The high-value caller of test/helpers/high-value.ts, by e-mail and name. */
function highValueCall(email: string, name = 'Max Weber') {
  return highValueCallOf(stack, email, { customer_name: name });
}

async function executionStatus(executionId: unknown) {
  const response = await fetch(`${stack.apiUrl}/executions/${executionId}`, {
    headers: { authorization: 'Bearer local-dev-token' },
  });
  return (await response.json()) as {
    status: string;
    results: Record<string, Record<string, unknown>>;
  };
}

const decidedExecution = (executionId: unknown) =>
  eventually(async () => {
    const body = await executionStatus(executionId);
    return body.status === 'pending_approval' ? undefined : body;
  });

async function submit(link: string, decision: 'approve' | 'reject', comment = '') {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, comment }),
  });
  return { status: response.status, html: await response.text() };
}

describe('a high-value lead', () => {
  it('waits for a manager, who approves by link, and then gets onboarding and its follow-ups', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 60,
      APPROVAL_ESCALATE_AFTER_HOURS: 120,
      APPROVAL_DEADLINE_HOURS: 180,
      CHECK_IN_AFTER_HOURS: 0.3,
      STATUS_UPDATE_EVERY_HOURS: 0.3,
      STATUS_UPDATES: '2',
    });
    const answer = await postCall(stack.apiUrl, highValueCall(RETURNING_CUSTOMER_EMAIL));
    expect(answer.body.status).toBe('pending_approval');

    const email = await emailWith(stack, /^Approval needed: high-value lead/);
    expect(email.to).toEqual(['sales-manager@voice-automation.example']);
    expect(email.text).toContain('Max Weber, Acme Industries');
    expect(email.text).toContain('Budget: 250k');
    const link = approvalLink(email, 'Approve');

    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Approve this high-value lead?');
    expect((await executionStatus(answer.body.execution_id)).status).toBe('pending_approval');

    const decided = await submit(link, 'approve', 'Go ahead, priority customer');
    expect(decided.status).toBe(200);
    expect(decided.html).toContain('Approved by sales-manager@voice-automation.example');

    const final = await decidedExecution(answer.body.execution_id);
    expect(final.status).toBe('completed');
    expect(final.results.approval).toMatchObject({
      decision: 'approved',
      decided_by: 'sales-manager@voice-automation.example',
      comment: 'Go ahead, priority customer',
    });
    expect(final.results.lead_created?.assigned_team).toBe('enterprise');
    const contact = stack.hubspot.store.contactByEmail(RETURNING_CUSTOMER_EMAIL);
    expect(contact?.properties).toMatchObject({
      approval_decision: 'approved',
      sales_team: 'enterprise',
      executive_sponsor_email: 'cro@voice-automation.example',
    });
    expect([...stack.hubspot.store.deals.values()].map((deal) => deal.contactIds)).toEqual([
      [contact?.id],
    ]);
    expect(final.results.onboarding?.deal_id).toBe([...stack.hubspot.store.deals.keys()][0]);

    const review = await emailWith(stack, /^Invitation: quarterly business review/, 15_000);
    const start = /DTSTART:(\d{8}T\d{6}Z)/.exec(review.calendar)?.[1] ?? '';
    const startsAt = Date.parse(
      start.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    const decidedAt = Date.parse(
      String((final.results.approval as { decided_at: string }).decided_at),
    );
    // 2160 hours at the stack's time scale of 0.001: 7776 s after the approval, not after the updates.
    expect(Math.abs(startsAt - (decidedAt + 7_776_000))).toBeLessThan(2_000);
    const subjects = (await readEmails(stack)).map((message) => message.subject);
    expect(subjects.filter((subject) => subject === 'How is your start going?')).toHaveLength(1);
    const weekly = stack.slack
      .messages()
      .filter((message) => message.text.startsWith('Weekly status due'));
    expect(weekly).toHaveLength(2);

    const reused = await submit(link, 'reject');
    expect(reused.status).toBe(409);
    expect(reused.html).toContain('Already decided');
    expect(reused.html).toContain('Approved by sales-manager@voice-automation.example');
  });

  it('goes the standard sales way when the manager rejects it', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 2,
      APPROVAL_ESCALATE_AFTER_HOURS: 3,
      APPROVAL_DEADLINE_HOURS: 4,
    });
    const answer = await postCall(
      stack.apiUrl,
      highValueCall('cto@acme-industries.example', 'Erika Muster'),
    );
    const email = await emailWith(stack, /^Approval needed/);

    const decided = await submit(approvalLink(email, 'Reject'), 'reject', 'Not a fit this quarter');
    const final = await decidedExecution(answer.body.execution_id);

    expect(decided.html).toContain('Rejected by');
    expect(final.status).toBe('completed');
    expect(final.results.approval).toMatchObject({
      decision: 'rejected',
      comment: 'Not a fit this quarter',
    });
    expect(final.results.lead_created?.assigned_team).toBe('standard');
    expect(final.results.follow_up_scheduled?.assigned_to).toBe('sales@voice-automation.example');
    expect(stack.slack.messages().map((message) => message.requestedChannel)).toContain('#sales');
    expect(stack.hubspot.store.deals.size).toBe(0);

    // Past its expiry, the link still says who decided, rather than that it is too late.
    const link = approvalLink(email, 'Reject');
    const expires = Number(new URL(link).searchParams.get('expires')) * 1000;
    await eventually(async () => (Date.now() > expires ? true : undefined), 8_000);
    const later = await fetch(link);
    expect(later.status).toBe(409);
    expect(await later.text()).toContain('Rejected by sales-manager@voice-automation.example');
  });

  it('reminds the manager, escalates to a second approver, and declines at the deadline', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 1,
      APPROVAL_ESCALATE_AFTER_HOURS: 2,
      APPROVAL_DEADLINE_HOURS: 3,
    });
    const answer = await postCall(
      stack.apiUrl,
      highValueCall('cfo@acme-industries.example', 'Nobody Decides'),
    );
    const request = await emailWith(stack, /^Approval needed/);

    const reminder = await emailWith(stack, /^Reminder: a high-value lead/);
    const escalation = await emailWith(stack, /^Escalated: a high-value lead/);
    const final = await decidedExecution(answer.body.execution_id);

    expect(reminder.to).toEqual(['sales-manager@voice-automation.example']);
    expect(approvalLink(reminder, 'Approve')).toBe(approvalLink(request, 'Approve'));
    expect(escalation.to).toEqual(['cro@voice-automation.example']);
    expect(final.results.approval).toMatchObject({ decision: 'declined' });
    expect(final.results.lead_created?.assigned_team).toBe('standard');
    const late = await submit(approvalLink(escalation, 'Approve'), 'approve');
    expect(late.status).toBe(410);
    expect(late.html).toContain('This link has expired');
  });

  it('goes to the manual processing queue at the deadline when so configured', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 0.5,
      APPROVAL_ESCALATE_AFTER_HOURS: 1,
      APPROVAL_DEADLINE_HOURS: 1.5,
      APPROVAL_DEADLINE_OUTCOME: 'manual',
    });
    const answer = await postCall(
      stack.apiUrl,
      highValueCall('ceo@acme-industries.example', 'Queue Me'),
    );

    const final = await decidedExecution(answer.body.execution_id);
    const sqs = new SQSClient({
      endpoint: stack.sqs.url,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.sqs.queueUrls.manual, MaxNumberOfMessages: 10 }),
    );
    sqs.destroy();

    expect(final.status).toBe('partial');
    const jobs = (Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}'));
    expect(jobs).toContainEqual(
      expect.objectContaining({
        workflow: 'high-value',
        executionId: answer.body.execution_id,
        reason: 'No manager decided on this high-value lead before the deadline.',
      }),
    );
  });

  it('refuses a tampered link and shows lead text as text, never as markup', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 60,
      APPROVAL_ESCALATE_AFTER_HOURS: 120,
      APPROVAL_DEADLINE_HOURS: 180,
    });
    await postCall(
      stack.apiUrl,
      highValueCall('html@acme-industries.example', '<script>alert(1)</script><b>Eve</b>'),
    );
    const email = await emailWith(stack, /^Approval needed/);
    const link = approvalLink(email, 'Approve');

    const page = await (await fetch(link)).text();
    const tampered = await fetch(
      link.replace(/expires=(\d+)/, (_, n) => `expires=${Number(n) + 1}`),
    );

    for (const html of [page, email.html]) {
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Eve&lt;/b&gt;');
      expect(html).not.toContain('<script>');
    }
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('This link is not valid');

    const secret = LOCAL_SECRETS.approvalLinkSecret;
    const unknownId = approvalIdFor('exec_that_never_ran', secret);
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const unknown = await fetch(
      approvalUrl(stack.apiUrl, { approvalId: unknownId, approver: 'primary', expires }, secret),
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Approval not found');
  });

  it('never shows its task token in a URL, an e-mail, a page, an answer or a log line', async () => {
    timings({
      APPROVAL_REMIND_AFTER_HOURS: 60,
      APPROVAL_ESCALATE_AFTER_HOURS: 120,
      APPROVAL_DEADLINE_HOURS: 180,
    });
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: never[]) => {
        written.push(String(chunk));
        return original(chunk as string, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = original;
      };
    };
    const restore = [capture(process.stdout), capture(process.stderr)];
    logger.setLogLevel('DEBUG');
    const seen: string[] = [];
    try {
      const answer = await postCall(
        stack.apiUrl,
        highValueCall('tokens@acme-industries.example', 'Token Watch'),
      );
      const email = await emailWith(stack, /^Approval needed/);
      const link = approvalLink(email, 'Approve');
      const page = await (await fetch(link)).text();
      const decided = await submit(link, 'approve');
      const final = await decidedExecution(answer.body.execution_id);
      seen.push(
        JSON.stringify(answer.body),
        email.raw,
        link,
        page,
        decided.html,
        JSON.stringify(final),
      );
    } finally {
      logger.setLogLevel('SILENT');
      for (const undo of restore) undo();
    }

    const approvals = new DynamoDBClient({
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { Items } = await approvals.send(new ScanCommand({ TableName: 'approvals' }));
    approvals.destroy();
    const tokens = (Items ?? []).map((item) => item.taskToken?.S ?? '').filter(Boolean);
    expect(tokens.length).toBeGreaterThan(0);
    expect(written.join('\n')).toContain('Approval decided');
    for (const token of tokens) {
      for (const text of [...seen, ...written]) expect(text).not.toContain(token);
    }
  });
});
