/**
 * The call record: one DynamoDB item per delivered call, keyed by its execution id. Its
 * conditional creation is what makes a repeated delivery never run twice; the outcome written
 * onto it is what repeats and `GET /executions/{id}` answer with. It holds none of the
 * caller's personal data.
 */
import {
  type AttributeValue,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamoDb, scanAll } from '../aws/dynamodb';
import { recordAudit } from './audit-trail';
import type { WorkflowOutcome } from './outcome';

export interface CallRecord {
  executionId: string;
  flow: string;
  receivedAt: number;
  /** A hash of what the call says, to catch a key reused for another call. */
  fingerprint: string;
  outcome?: WorkflowOutcome;
  /** The workflow's input, while the run has no outcome yet. */
  input?: unknown;
  /** How often an operator replayed the call; its latest run is `<executionId>-replay-<n>`. */
  replays?: number;
}

/**
 * Past this age a record without an outcome belongs to a run that cannot still be going (the
 * state machines stop themselves sooner), so a repeat may take the call over.
 */
export const ABANDONED_AFTER_SECONDS = 300;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Creates the record unless a live one exists, and answers whether this delivery owns the run.
 * A record counts as absent when it has expired (DynamoDB deletes them only eventually, the
 * local emulator never), when its run failed (a repeat is the sender's retry), or when it has
 * had no outcome for longer than any run can take.
 */
export async function claimCall(
  table: string,
  record: {
    executionId: string;
    flow: string;
    receivedAt: number;
    fingerprint: string;
    input?: unknown;
  },
  ttlSeconds: number,
): Promise<boolean> {
  const now = nowSeconds();
  try {
    await dynamoDb().send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: record.executionId },
          flow: { S: record.flow },
          receivedAt: { N: String(record.receivedAt) },
          fingerprint: { S: record.fingerprint },
          expiresAt: { N: String(now + ttlSeconds) },
          ...(record.input === undefined ? {} : { input: { S: JSON.stringify(record.input) } }),
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :now OR #status = :failed' +
          ' OR (attribute_not_exists(outcome) AND receivedAt < :abandoned)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':now': { N: String(now) },
          ':failed': { S: 'failed' },
          ':abandoned': { N: String((now - ABANDONED_AFTER_SECONDS) * 1000) },
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function readCall(
  table: string,
  executionId: string,
): Promise<CallRecord | undefined> {
  const { Item: item } = await dynamoDb().send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: executionId } }, ConsistentRead: true }),
  );
  if (!item || Number(item.expiresAt?.N ?? 0) < nowSeconds()) return undefined;
  return fromItem(executionId, item);
}

function fromItem(executionId: string, item: Record<string, AttributeValue>): CallRecord {
  return {
    executionId,
    flow: item.flow?.S ?? 'unknown',
    receivedAt: Number(item.receivedAt?.N ?? 0),
    fingerprint: item.fingerprint?.S ?? '',
    ...(item.outcome?.S ? { outcome: JSON.parse(item.outcome.S) as WorkflowOutcome } : {}),
    ...(item.input?.S ? { input: JSON.parse(item.input.S) as unknown } : {}),
    ...(item.replays?.N ? { replays: Number(item.replays.N) } : {}),
  };
}

/**
 * Stores the outcome and forgets the input. With `onlyIfStalledSince`, only while the record
 * still has no outcome and was received then (nobody else finished or took it over): answers
 * whether it wrote.
 */
export async function recordOutcome(
  table: string,
  executionId: string,
  outcome: WorkflowOutcome,
  onlyIfStalledSince?: number,
): Promise<boolean> {
  try {
    await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: executionId } },
        UpdateExpression: 'SET outcome = :outcome, #status = :status REMOVE #input',
        ExpressionAttributeNames: { '#status': 'status', '#input': 'input' },
        ExpressionAttributeValues: {
          ':outcome': { S: JSON.stringify(outcome) },
          ':status': { S: outcome.status },
          ...(onlyIfStalledSince === undefined
            ? {}
            : { ':receivedAt': { N: String(onlyIfStalledSince) } }),
        },
        ...(onlyIfStalledSince === undefined
          ? {}
          : { ConditionExpression: 'attribute_not_exists(outcome) AND receivedAt = :receivedAt' }),
      }),
    );
    await recordAudit(executionId, {
      actor: 'system',
      action: 'execution.finished',
      detail: { status: outcome.status, workflow: outcome.workflowId },
    });
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Calls whose run has had no outcome for longer than any run can take: it timed out, was
 * stopped or died outside its catchers. Call records are the items with a `flow`.
 */
export async function stalledCalls(table: string, olderThanMs: number): Promise<CallRecord[]> {
  const items = await scanAll({
    TableName: table,
    FilterExpression:
      'attribute_exists(flow) AND attribute_not_exists(outcome) AND receivedAt < :cutoff',
    ExpressionAttributeValues: { ':cutoff': { N: String(Date.now() - olderThanMs) } },
  });
  return items.flatMap((item) => {
    const executionId = item.pk?.S;
    const live = Number(item.expiresAt?.N ?? 0) >= nowSeconds();
    return executionId && live ? [fromItem(executionId, item)] : [];
  });
}

/** The Step Functions execution name of the call's latest run. */
export function latestRunName(call: Pick<CallRecord, 'executionId' | 'replays'>): string {
  return call.replays ? `${call.executionId}-replay-${call.replays}` : call.executionId;
}

/**
 * Claims a stalled call for one sweep, so that overlapping sweeps hand it over once; a claim
 * older than `leaseSeconds` (a sweep that died) can be taken again.
 */
export async function claimStalledCall(
  table: string,
  call: Pick<CallRecord, 'executionId' | 'receivedAt'>,
  leaseSeconds = 600,
): Promise<boolean> {
  const now = Date.now();
  try {
    await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: call.executionId } },
        UpdateExpression: 'SET sweptAt = :now',
        ConditionExpression:
          'attribute_not_exists(outcome) AND receivedAt = :receivedAt AND' +
          ' (attribute_not_exists(sweptAt) OR sweptAt < :stale)',
        ExpressionAttributeValues: {
          ':now': { N: String(now) },
          ':receivedAt': { N: String(call.receivedAt) },
          ':stale': { N: String(now - leaseSeconds * 1000) },
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export type ReplayClaim =
  | { claimed: true; replay: number }
  | { claimed: false; reason: 'completed' | 'running' };

/**
 * Claims a call for an operator's replay under the same rules as a delivery: never while a run
 * of it is going, never once it completed. The record holds the input again until the replay's
 * run records an outcome; `keepOutcome` leaves the answer standing while a long-running workflow
 * (the manager's approval) goes on.
 */
export async function claimReplay(
  table: string,
  call: { executionId: string; flow: string; input: unknown; keepOutcome: boolean },
  ttlSeconds: number,
): Promise<ReplayClaim> {
  const now = nowSeconds();
  try {
    const { Attributes } = await dynamoDb().send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: call.executionId } },
        UpdateExpression:
          'SET replays = if_not_exists(replays, :zero) + :one, flow = if_not_exists(flow, :flow),' +
          ' fingerprint = if_not_exists(fingerprint, :none), receivedAt = :receivedAt,' +
          ` expiresAt = :expiresAt, #input = :input${call.keepOutcome ? '' : ' REMOVE outcome, #status'}`,
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :now OR (NOT #status = :completed AND' +
          ' (attribute_exists(outcome) OR receivedAt < :abandoned))',
        ExpressionAttributeNames: { '#status': 'status', '#input': 'input' },
        ExpressionAttributeValues: {
          ':zero': { N: '0' },
          ':one': { N: '1' },
          ':flow': { S: call.flow },
          ':none': { S: '' },
          ':receivedAt': { N: String(Date.now()) },
          ':expiresAt': { N: String(now + ttlSeconds) },
          ':input': { S: JSON.stringify(call.input) },
          ':now': { N: String(now) },
          ':completed': { S: 'completed' },
          ':abandoned': { N: String((now - ABANDONED_AFTER_SECONDS) * 1000) },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, replay: Number(Attributes?.replays?.N ?? 1) };
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    const existing = await readCall(table, call.executionId);
    return {
      claimed: false,
      reason: existing?.outcome?.status === 'completed' ? 'completed' : 'running',
    };
  }
}

/**
 * Waits for another delivery's run to record its outcome, polling with a growing interval until
 * `deadlineMs`. Answers the record as last seen, with or without an outcome.
 */
export async function awaitOutcome(
  table: string,
  executionId: string,
  deadlineMs: number,
): Promise<CallRecord | undefined> {
  let interval = 25;
  for (;;) {
    const record = await readCall(table, executionId);
    if (!record || record.outcome || Date.now() + interval > deadlineMs) return record;
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 250);
  }
}

/** Gives a claimed call back when its workflow could not even start, so a retry can run it. */
export async function releaseCall(table: string, executionId: string): Promise<void> {
  await dynamoDb().send(
    new DeleteItemCommand({
      TableName: table,
      Key: { pk: { S: executionId } },
      ConditionExpression: 'attribute_not_exists(outcome)',
    }),
  );
}
