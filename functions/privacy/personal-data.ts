/**
 * Everything held on one person, found from their e-mail address: their calls (call records,
 * the step ledger's records and run journals), approvals, jobs in the manual processing queue,
 * the CRM contact, and the audit trails of their calls. Exported as one document, or erased.
 */
import { type AttributeValue, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { dynamoDb, type Item, scanAll } from '../aws/dynamodb';
import { sqs } from '../aws/sqs';
import { stepFunctions } from '../aws/step-functions';
import type { CrmContact, HubSpotClient } from '../connectors/hubspot';
import { type AuditEntry, readAuditTrail } from '../core/audit-trail';
import { awaitOutcome, readCall } from '../core/call-records';
import { ERASURE_STOP_ERROR } from '../core/ended-runs';
import type { ManualJob } from '../core/manual-queue';
import { ManualQueueBrowser } from '../core/manual-queue-browser';
import { normaliseEmail } from '../intake/email';
import { callsOf, personKey } from './person-index';

export interface PrivacyTarget {
  callsTable: string;
  approvalsTable: string;
  manualQueueUrl: string;
  /** The Standard state machines, whose runs of the person's calls an erasure stops. */
  longRunningMachines: string[];
  crm: Pick<HubSpotClient, 'findContactByEmail' | 'eraseContact'>;
}

export interface PersonalData {
  email: string;
  executionIds: string[];
  /** Every item of the calls table about the person's calls, as stored. */
  records: Array<Record<string, unknown>>;
  approvals: Array<Record<string, unknown>>;
  queuedJobs: ManualJob[];
  /** Found by the address as typed and as normalised, and by the ids the person's steps used. */
  crmContacts: CrmContact[];
  /** What was done with their calls; ids and statuses only. */
  auditTrails: Record<string, AuditEntry[]>;
}

export class UnreadableEmailError extends Error {
  override name = 'UnreadableEmailError';
  constructor() {
    super('Not an e-mail address; give the address the caller used, such as name@example.com.');
  }
}

/** The calls table's items about these calls, found by their keys' prefixes. */
async function recordsOf(table: string, executionIds: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < executionIds.length; i += 20) {
    const values: Record<string, AttributeValue> = {};
    const tests = executionIds.slice(i, i + 20).flatMap((id, n) => {
      values[`:call${n}`] = { S: id };
      values[`:step${n}`] = { S: `step#${id}#` };
      values[`:run${n}`] = { S: `run#${id}#` };
      return [`pk = :call${n}`, `begins_with(pk, :step${n})`, `begins_with(pk, :run${n})`];
    });
    items.push(
      ...(await scanAll({
        TableName: table,
        FilterExpression: tests.join(' OR '),
        ExpressionAttributeValues: values,
      })),
    );
  }
  return items;
}

async function approvalsOf(table: string, executionIds: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < executionIds.length; i += 50) {
    const values = Object.fromEntries(
      executionIds.slice(i, i + 50).map((id, n) => [`:e${n}`, { S: id }]),
    );
    items.push(
      ...(await scanAll({
        TableName: table,
        FilterExpression: `executionId IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeValues: values,
      })),
    );
  }
  return items;
}

interface Found {
  data: PersonalData;
  recordKeys: string[];
  approvalKeys: string[];
  browser: ManualQueueBrowser;
  queued: Awaited<ReturnType<ManualQueueBrowser['browse']>>;
}

/** A call of the person's that is still being processed would write its data again. */
export class CallInProgressError extends Error {
  override name = 'CallInProgressError';
  constructor() {
    super(
      'A call of this person is still being processed; send the request again in a few minutes.',
    );
  }
}

/** The CRM did not answer: nothing was exported or changed. */
export class CrmUnavailableError extends Error {
  override name = 'CrmUnavailableError';
  constructor(cause: unknown) {
    super('The CRM did not answer, so nothing was exported or changed; send the request again.', {
      cause,
    });
  }
}

async function settleRunningCalls(table: string, executionIds: string[], waitMs: number) {
  const records = await Promise.all(
    executionIds.map(async (id) => {
      const record = await readCall(table, id);
      return record && !record.outcome ? awaitOutcome(table, id, Date.now() + waitMs) : record;
    }),
  );
  if (records.some((record) => record && !record.outcome)) throw new CallInProgressError();
}

/** The contact ids the person's steps found or created in the CRM. */
function contactIdsIn(records: Item[]): string[] {
  return records.flatMap((item) => {
    const id = (plainValue(item.result ?? { NULL: true }) as { contactId?: unknown } | null)
      ?.contactId;
    return typeof id === 'string' ? [id] : [];
  });
}

/** The CRM's contacts of the person: by the address as typed and as normalised, and by id. */
async function crmContactsOf(
  target: PrivacyTarget,
  addresses: string[],
  knownIds: string[],
): Promise<CrmContact[]> {
  try {
    const found = await Promise.all(
      [...new Set(addresses)].map((address) => target.crm.findContactByEmail(address)),
    );
    const contacts = new Map<string, CrmContact>();
    for (const contact of found) if (contact) contacts.set(contact.id, contact);
    for (const id of knownIds) if (!contacts.has(id)) contacts.set(id, { id, properties: {} });
    return [...contacts.values()];
  } catch (error) {
    throw new CrmUnavailableError(error);
  }
}

async function find(email: string, target: PrivacyTarget, waitMs: number): Promise<Found> {
  const normalised = normaliseEmail(email);
  if (!normalised) throw new UnreadableEmailError();
  const { emailKey } = normalised;
  const executionIds = await callsOf(target.callsTable, emailKey);
  await settleRunningCalls(target.callsTable, executionIds, waitMs);

  const [records, approvals, trails] = await Promise.all([
    recordsOf(target.callsTable, executionIds),
    approvalsOf(target.approvalsTable, executionIds),
    Promise.all(executionIds.map(async (id) => [id, await readAuditTrail(id)] as const)),
  ]);
  const crmContacts = await crmContactsOf(
    target,
    [email.trim(), normalised.email],
    contactIdsIn(records),
  );

  // Last, so that nothing above can fail while the queue's messages are held.
  const ids = new Set(executionIds);
  const browser = new ManualQueueBrowser(sqs(), target.manualQueueUrl, { holdSeconds: 60 });
  const allQueued = await browser.browse();
  const queued = allQueued.filter(
    (job) =>
      (job.job && ids.has(job.job.executionId)) ||
      JSON.stringify(job.job?.input ?? '').includes(`"emailKey":"${emailKey}"`),
  );
  await browser.release(allQueued.filter((job) => !queued.includes(job)));
  return {
    data: {
      email: email.trim(),
      executionIds,
      records: records.map(plainItem),
      approvals: approvals.map(plainItem),
      queuedJobs: queued.flatMap((job) => (job.job ? [job.job] : [])),
      crmContacts,
      auditTrails: Object.fromEntries(trails),
    },
    recordKeys: [personKey(emailKey), ...records.map((item) => item.pk?.S ?? '')],
    approvalKeys: approvals.map((item) => item.pk?.S ?? ''),
    browser,
    queued,
  };
}

/** Everything held on the person, as one JSON-ready document. */
export async function exportPersonalData(
  email: string,
  target: PrivacyTarget,
): Promise<PersonalData> {
  const found = await find(email, target, 0);
  await found.browser.release(found.queued);
  return found.data;
}

export interface ErasureReport {
  calls: number;
  records: number;
  approvals: number;
  queuedJobs: number;
  stoppedRuns: number;
  crmContacts: number;
}

/**
 * Deletes every record about the person in every table and queued job, and the CRM contact.
 * The audit trails of their calls stay: they hold ids and statuses only, and nothing points
 * from them to the person any more.
 */
export async function erasePersonalData(
  email: string,
  target: PrivacyTarget,
): Promise<{ executionIds: string[]; erased: ErasureReport }> {
  // A call still going would write the person's data again: wait for it a little, or refuse.
  const found = await find(email, target, 20_000);
  // First, so that no run of theirs writes their data again after it is gone.
  const stoppedRuns = await stopRunsOf(target.longRunningMachines, found.data.executionIds);
  await Promise.all([
    deleteItems(target.callsTable, found.recordKeys),
    deleteItems(target.approvalsTable, found.approvalKeys),
    ...found.queued.map((job) => found.browser.remove(job)),
  ]);
  let crmContacts = 0;
  for (const contact of found.data.crmContacts) {
    if (await target.crm.eraseContact(contact.id)) crmContacts += 1;
  }
  return {
    executionIds: found.data.executionIds,
    erased: {
      calls: found.data.executionIds.length,
      records: found.recordKeys.length,
      approvals: found.approvalKeys.length,
      queuedJobs: found.queued.length,
      stoppedRuns,
      crmContacts,
    },
  };
}

/** Stops the running executions of the calls (approvals, SLA watches, their replays). */
async function stopRunsOf(machines: string[], executionIds: string[]): Promise<number> {
  if (executionIds.length === 0) return 0;
  const belongs = (name: string) =>
    executionIds.some(
      (id) => name === id || name.startsWith(`${id}-`) || name.startsWith(`sla-${id}`),
    );
  let stopped = 0;
  for (const stateMachineArn of machines) {
    let nextToken: string | undefined;
    do {
      const page = await stepFunctions().send(
        new ListExecutionsCommand({
          stateMachineArn,
          statusFilter: 'RUNNING',
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      for (const execution of page.executions ?? []) {
        if (!execution.executionArn || !belongs(execution.name ?? '')) continue;
        await stepFunctions().send(
          new StopExecutionCommand({
            executionArn: execution.executionArn,
            error: ERASURE_STOP_ERROR,
            cause: 'The caller asked for their data to be erased.',
          }),
        );
        stopped += 1;
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return stopped;
}

async function deleteItems(table: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys
      .slice(i, i + 25)
      .map((pk) => ({ DeleteRequest: { Key: { pk: { S: pk } } } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await dynamoDb().send(
        new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}

/** A stored item as plain JSON, with the JSON-in-a-string attributes read as JSON. */
function plainItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, plainValue(value)]));
}

function plainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) {
    try {
      return /^[[{]/.test(value.S) ? JSON.parse(value.S) : value.S;
    } catch {
      return value.S;
    }
  }
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.SS) return value.SS;
  if (value.L) return value.L.map(plainValue);
  if (value.M) return plainItem(value.M);
  return null;
}
