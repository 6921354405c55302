/**
 * The call record: one DynamoDB item per delivered call, keyed by its execution id. Its
 * conditional creation is what makes a repeated delivery never run twice; the outcome written
 * onto it is what repeats and `GET /executions/{id}` answer with. It holds none of the
 * caller's personal data.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '../aws/dynamodb';
import type { WorkflowOutcome } from './outcome';

export interface CallRecord {
  executionId: string;
  flow: string;
  receivedAt: number;
  /** A hash of what the call says, to catch a key reused for another call. */
  fingerprint: string;
  outcome?: WorkflowOutcome;
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
  record: { executionId: string; flow: string; receivedAt: number; fingerprint: string },
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
  return {
    executionId,
    flow: item.flow?.S ?? 'unknown',
    receivedAt: Number(item.receivedAt?.N ?? 0),
    fingerprint: item.fingerprint?.S ?? '',
    ...(item.outcome?.S ? { outcome: JSON.parse(item.outcome.S) as WorkflowOutcome } : {}),
  };
}

export async function recordOutcome(
  table: string,
  executionId: string,
  outcome: WorkflowOutcome,
): Promise<void> {
  await dynamoDb().send(
    new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: executionId } },
      UpdateExpression: 'SET outcome = :outcome, #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':outcome': { S: JSON.stringify(outcome) },
        ':status': { S: outcome.status },
      },
    }),
  );
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
