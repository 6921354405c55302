/**
 * The step ledger: what each outside step of a call's workflow did, one record per call and
 * step in the calls table. A step that completed answers from its record when it runs again (a
 * retry, a replay), so no contact, ticket, e-mail or message is made twice; a failed step keeps
 * its attempts, error and times for the manual processing queue. A run's journal lists the steps
 * it touched, so that its failures can be collected at the end.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { dynamoDb } from '../aws/dynamodb';
import { toConnectorError } from '../connectors/aws-error';
import { configSection, readEnv, wholeNumber } from './config';

/** Which step and which run of the workflow; the ASL passes it to every outside Task. */
export interface StepRef {
  /** `<workflow>.<state>`, with the week or item appended inside a Map. */
  name: string;
  /** The Step Functions execution name: a replay is a run of its own. */
  run: string;
}

export type StepStatus = 'running' | 'completed' | 'failed';

export interface StepRecord {
  name: string;
  status: StepStatus;
  run: string;
  /** Attempts in `run`, this one included. */
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
  error?: string;
  /** Epoch ms before which the next attempt must not call the service (a 429's Retry-After). */
  notBefore?: number;
  result?: unknown;
}

/** A step that failed for good, as the manual processing queue shows it. */
export interface FailedStep {
  step: string;
  error: string;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

const ledgerConfig = configSection((env) => {
  const raw = readEnv(
    z.object({ CALLS_TABLE: z.string().min(1), STEP_RECORD_TTL_DAYS: wholeNumber(14, 1, 365) }),
    env,
  );
  return { table: raw.CALLS_TABLE, ttlSeconds: raw.STEP_RECORD_TTL_DAYS * 86_400 };
});

/** How long step records are kept; what refers to them is kept at least as long. */
export const stepRecordTtlSeconds = () => ledgerConfig().ttlSeconds;

const stepKey = (executionId: string, name: string) => ({
  pk: { S: `step#${executionId}#${name}` },
});
const journalKey = (executionId: string, workflow: string, run: string) => ({
  pk: { S: `run#${executionId}#${workflow}#${run}` },
});
export const workflowOfStep = (name: string) => name.split('.')[0] ?? name;

/** DynamoDB trouble is as transient as any outside service's, so the ASL retries it by name. */
async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toConnectorError(error, { service: 'dynamodb', timeoutMs: 0 });
  }
}

function fromItem(name: string, item: Record<string, AttributeValue>): StepRecord {
  return {
    name,
    status: (item.status?.S ?? 'running') as StepStatus,
    run: item.run?.S ?? '',
    attempts: Number(item.attempts?.N ?? 0),
    firstAttemptAt: item.firstAttemptAt?.S ?? '',
    lastAttemptAt: item.lastAttemptAt?.S ?? '',
    ...(item.error?.S ? { error: item.error.S } : {}),
    ...(item.notBefore?.N ? { notBefore: Number(item.notBefore.N) } : {}),
    ...(item.result?.S ? { result: JSON.parse(item.result.S) } : {}),
  };
}

export async function readStep(executionId: string, name: string): Promise<StepRecord | undefined> {
  const { table } = ledgerConfig();
  const { Item } = await send(() =>
    dynamoDb().send(
      new GetItemCommand({
        TableName: table,
        Key: stepKey(executionId, name),
        ConsistentRead: true,
      }),
    ),
  );
  return Item ? fromItem(name, Item) : undefined;
}

/** Counts an attempt (from 1 again in a new run) and lists the step in its run's journal. */
export async function startAttempt(
  executionId: string,
  ref: StepRef,
  previous: StepRecord | undefined,
): Promise<StepRecord> {
  const { table, ttlSeconds } = ledgerConfig();
  const now = new Date();
  const sameRun = previous?.run === ref.run;
  const record: StepRecord = {
    name: ref.name,
    status: 'running',
    run: ref.run,
    attempts: sameRun ? previous.attempts + 1 : 1,
    firstAttemptAt: sameRun ? previous.firstAttemptAt : now.toISOString(),
    lastAttemptAt: now.toISOString(),
    ...(previous?.notBefore ? { notBefore: previous.notBefore } : {}),
  };
  const expiresAt = { N: String(Math.floor(now.getTime() / 1000) + ttlSeconds) };
  await send(() =>
    Promise.all([
      dynamoDb().send(
        new PutItemCommand({
          TableName: table,
          Item: {
            ...stepKey(executionId, ref.name),
            status: { S: record.status },
            run: { S: record.run },
            attempts: { N: String(record.attempts) },
            firstAttemptAt: { S: record.firstAttemptAt },
            lastAttemptAt: { S: record.lastAttemptAt },
            ...(record.notBefore ? { notBefore: { N: String(record.notBefore) } } : {}),
            expiresAt,
          },
        }),
      ),
      dynamoDb().send(
        new UpdateItemCommand({
          TableName: table,
          Key: journalKey(executionId, workflowOfStep(ref.name), ref.run),
          UpdateExpression: 'ADD steps :step SET expiresAt = :expiresAt',
          ExpressionAttributeValues: { ':step': { SS: [ref.name] }, ':expiresAt': expiresAt },
        }),
      ),
    ]),
  );
  return record;
}

async function updateStep(
  executionId: string,
  name: string,
  update: Pick<UpdateItemCommandInput, 'UpdateExpression' | 'ExpressionAttributeValues'>,
): Promise<void> {
  const { table } = ledgerConfig();
  await send(() =>
    dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: stepKey(executionId, name),
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#error': 'error' },
        ...update,
      }),
    ),
  );
}

export function completeStep(executionId: string, name: string, result: unknown): Promise<void> {
  return updateStep(executionId, name, {
    UpdateExpression: 'SET #status = :completed, #result = :result REMOVE #error, notBefore',
    ExpressionAttributeValues: {
      ':completed': { S: 'completed' },
      ':result': { S: JSON.stringify(result ?? null) },
    },
  });
}

export function failAttempt(
  executionId: string,
  name: string,
  error: string,
  notBefore: number | undefined,
): Promise<void> {
  return updateStep(executionId, name, {
    UpdateExpression: notBefore
      ? 'SET #status = :failed, #error = :error, notBefore = :notBefore REMOVE #result'
      : 'SET #status = :failed, #error = :error REMOVE notBefore, #result',
    ExpressionAttributeValues: {
      ':failed': { S: 'failed' },
      ':error': { S: error },
      ...(notBefore ? { ':notBefore': { N: String(notBefore) } } : {}),
    },
  });
}

/** The steps of one run that ended failed, with their attempts and times. */
export async function failedSteps(
  executionId: string,
  workflow: string,
  run: string,
): Promise<FailedStep[]> {
  const { table } = ledgerConfig();
  const { Item } = await send(() =>
    dynamoDb().send(
      new GetItemCommand({
        TableName: table,
        Key: journalKey(executionId, workflow, run),
        ConsistentRead: true,
      }),
    ),
  );
  const names = Item?.steps?.SS ?? [];
  const records: StepRecord[] = [];
  for (let i = 0; i < names.length; i += 100) {
    let keys = names.slice(i, i + 100).map((name) => stepKey(executionId, name));
    // DynamoDB may leave keys unread under load; they are asked for again until none are left.
    while (keys.length > 0) {
      const request = { [table]: { Keys: keys, ConsistentRead: true } };
      const { Responses, UnprocessedKeys } = await send(() =>
        dynamoDb().send(new BatchGetItemCommand({ RequestItems: request })),
      );
      for (const item of Responses?.[table] ?? []) {
        const name = (item.pk?.S ?? '').slice(`step#${executionId}#`.length);
        records.push(fromItem(name, item));
      }
      keys = (UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
    }
  }
  return records
    .filter((record) => record.status === 'failed' && record.run === run)
    .sort((a, b) => a.firstAttemptAt.localeCompare(b.firstAttemptAt))
    .map((record) => ({
      step: record.name,
      error: record.error ?? 'unknown error',
      attempts: record.attempts,
      firstAttemptAt: record.firstAttemptAt,
      lastAttemptAt: record.lastAttemptAt,
    }));
}
