import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDb } from '../../functions/aws/dynamodb';
import { readAuditTrail } from '../../functions/core/audit-trail';
import { LOCAL_SECRETS } from '../../local/local-env';
import { type LocalStack, PROJECT_ROOT, startLocalStack } from '../../local/stack';
import { localStackInfo, writeStackInfo } from '../../local/stack-info';
import { postCall, sampleCall } from '../helpers/calls';
import { highValueCall } from '../helpers/high-value';
import { takeJobs } from '../helpers/manual-queue';

const PERSON = 'ida.privacy@acme-industries.example';
const OTHER = 'otto.other@initrode.example';
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
});
afterAll(() => stack.stop());

function privacyRequest(action: string, body: unknown, token: string = LOCAL_SECRETS.adminToken) {
  return fetch(`${stack.apiUrl}/admin/privacy/${action}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-actor': 'dpo',
    },
    body: JSON.stringify(body),
  });
}

/** Every stored item and queued job; the audit trails apart, as they are kept on purpose. */
async function everything(): Promise<{ data: string; auditTrails: string }> {
  const tables = await Promise.all(
    ['calls', 'approvals'].map((table) => dynamoDb().send(new ScanCommand({ TableName: table }))),
  );
  const items = tables.flatMap((table) => table.Items ?? []);
  const isAudit = (item: (typeof items)[number]) => item.pk?.S?.startsWith('audit#') === true;
  const jobs = await takeJobs(stack);
  return {
    data: JSON.stringify({ items: items.filter((item) => !isAudit(item)), jobs }),
    auditTrails: JSON.stringify(items.filter(isAudit)),
  };
}

describe('a data-protection request', () => {
  it('exports everything held on a person, then erases it, leaving others alone', async () => {
    const person = {
      customer_email: PERSON,
      customer_name: 'Ida Privacy',
      company_name: 'Acme Industries',
    };
    const highValue = await postCall(
      stack.apiUrl,
      highValueCall(stack, PERSON, { customer_name: 'Ida Privacy' }),
    );
    const contact = stack.hubspot.store.contactByEmail(PERSON);
    stack.slack.injectFault({ kind: 'status', status: 503, times: 'always' });
    const partial = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { ...person, conversation_summary: 'A second call.' } }),
    );
    stack.slack.clearFaults();
    const other = await postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: OTHER, customer_name: 'Otto Other' } }),
    );
    expect([highValue, partial, other].map((a) => a.body.status)).toEqual([
      'pending_approval',
      'partial',
      'completed',
    ]);
    const ids = [highValue, partial].map((answer) => String(answer.body.execution_id));

    const exported = await privacyRequest('export', { email: PERSON.toUpperCase() });
    const exportBody = (await exported.json()) as {
      request_id: string;
      data: Record<string, unknown> & { executionIds: string[]; queuedJobs: unknown[] };
    };
    const erased = await privacyRequest('erase', { email: PERSON });
    const eraseBody = (await erased.json()) as {
      request_id: string;
      erased: Record<string, unknown>;
    };

    expect(exported.status).toBe(200);
    expect(exportBody.data.executionIds.sort()).toEqual([...ids].sort());
    expect(exportBody.data.queuedJobs).toHaveLength(1);
    expect(exportBody.data).toMatchObject({
      crmContacts: [expect.objectContaining({ id: contact?.id })],
      approvals: [expect.objectContaining({ executionId: ids[0] })],
    });
    expect(JSON.stringify(exportBody.data.records)).toContain('lead.NotifyTeamChat');
    expect(erased.status).toBe(200);
    expect(eraseBody.erased).toMatchObject({
      calls: 2,
      approvals: 1,
      queuedJobs: 1,
      stoppedRuns: 1,
      crmContacts: 1,
    });
    const approvalRun = [...stack.stepFunctions.executions.values()].find(
      (execution) => execution.name === ids[0] && execution.machine.type === 'STANDARD',
    );
    expect(approvalRun?.status).toBe('ABORTED');

    const left = await everything();
    for (const trace of [PERSON, 'ida.privacy', 'Ida Privacy', ...ids]) {
      expect({ trace, found: left.data.toLowerCase().includes(trace.toLowerCase()) }).toEqual({
        trace,
        found: false,
      });
    }
    // The trails say what was done with the calls, by id and status, never who called.
    expect(left.auditTrails).not.toMatch(/ida|privacy@|acme-industries/i);
    expect(left.data).toContain(String(other.body.execution_id));
    expect(stack.hubspot.store.contactByEmail(PERSON)).toBeUndefined();
    expect(stack.hubspot.store.contactByEmail(OTHER)).toBeDefined();

    const exportTrail = await readAuditTrail(exportBody.request_id);
    const eraseTrail = await readAuditTrail(eraseBody.request_id);
    expect(exportTrail).toEqual([
      expect.objectContaining({ actor: 'admin:dpo', action: 'privacy.export' }),
    ]);
    expect(eraseTrail).toEqual([
      expect.objectContaining({ actor: 'admin:dpo', action: 'privacy.erase' }),
    ]);
    const callTrail = (await readAuditTrail(ids[1] ?? '')).map((entry) => entry.action);
    expect(callTrail).toEqual(expect.arrayContaining(['privacy.export', 'privacy.erase']));
  });

  it('answers only an admin token, a readable address and a known action', async () => {
    const wrongToken = await privacyRequest(
      'export',
      { email: PERSON },
      LOCAL_SECRETS.webhookToken,
    );
    const badEmail = await privacyRequest('export', { email: 'not an address' });
    const unknown = await privacyRequest('forget', { email: PERSON });

    expect(wrongToken.status).toBe(401);
    expect(badEmail.status).toBe(400);
    expect(await badEmail.json()).toMatchObject({ field: 'email' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ known_actions: ['export', 'erase'] });
  });

  it('finds the CRM contact however the address is spelled, and waits for a call still running', async () => {
    const typed = 'Max.Muster+crm@GoogleMail.com';
    stack.hubspot.injectFault({ kind: 'hang', path: '/crm/v3/objects/contacts', method: 'POST' });
    const inFlight = postCall(
      stack.apiUrl,
      sampleCall({ conversation_context: { customer_email: typed } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const erased = await privacyRequest('erase', { email: 'maxmuster@gmail.com' });
    const answer = await inFlight;

    expect(answer.body.status).toBe('completed');
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ erased: { calls: 1, crmContacts: 1 } });
    expect(stack.hubspot.store.contactByEmail('max.muster+crm@googlemail.com')).toBeUndefined();
    const exported = (await (await privacyRequest('export', { email: typed })).json()) as {
      data: { executionIds: string[]; crmContacts: unknown[] };
    };
    expect(exported.data).toMatchObject({ executionIds: [], crmContacts: [] });
  });

  it('changes nothing and says so when the CRM does not answer', async () => {
    const email = 'crm.down@initrode.example';
    await postCall(stack.apiUrl, sampleCall({ conversation_context: { customer_email: email } }));
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });

    const refused = await privacyRequest('erase', { email });
    stack.hubspot.clearFaults();

    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({
      error: 'The CRM did not answer, so nothing was exported or changed; send the request again.',
    });
    expect(stack.hubspot.store.contactByEmail(email)).toBeDefined();
    const exported = (await (await privacyRequest('export', { email })).json()) as {
      data: { executionIds: string[] };
    };
    expect(exported.data.executionIds).toHaveLength(1);
  });

  it('is what npm run privacy does, asking for --yes before it erases', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'privacy-cli-'));
    await writeStackInfo(dataDir, localStackInfo(stack));
    const email = 'cli.person@initrode.example';
    await postCall(stack.apiUrl, sampleCall({ conversation_context: { customer_email: email } }));
    const privacy = (...args: string[]) =>
      run('npx', [
        'tsx',
        'scripts/privacy.ts',
        ...args,
        '--data-dir',
        dataDir,
        '--actor',
        'cli-test',
      ]);

    const exported = await privacy('export', email);
    const refused = await privacy('erase', email);
    const erased = await privacy('erase', email, '--yes');

    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ action: 'export', data: { email } });
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('add --yes') });
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(
      /^Erased \(request privacy_\w+\): 1 calls, \d+ records, 0 approvals/,
    );
    expect(stack.hubspot.store.contactByEmail(email)).toBeUndefined();
    await rm(dataDir, { recursive: true, force: true });
  });
});

function run(command: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd: PROJECT_ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        stdout,
        stderr,
      });
    });
  });
}
