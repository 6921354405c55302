/**
 * Which calls concern a person: one item per e-mail key (hashed) in the calls table, listing the
 * execution ids of their calls. The records themselves hold no e-mail address, so this is how a
 * data-protection request finds them.
 */
import { createHash } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '../aws/dynamodb';
import { stepRecordTtlSeconds } from '../core/step-ledger';

/** The index item's key: a hash of the normalised e-mail key, never the address itself. */
export function personKey(emailKey: string): string {
  return `person#${createHash('sha256').update(emailKey).digest('hex')}`;
}

/**
 * Kept longer than anything that holds a caller's data: the step ledger (14 days by default,
 * STEP_RECORD_TTL_DAYS) and approvals (a month after their link expires, at most 4 days after
 * the request).
 */
const indexSeconds = () => Math.max(stepRecordTtlSeconds(), 40 * 86_400) + 86_400;

/** Adds a call to the person's index. */
export async function indexCall(table: string, emailKey: string, executionId: string) {
  const ttlSeconds = indexSeconds();
  await dynamoDb().send(
    new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: personKey(emailKey) } },
      UpdateExpression: 'ADD executions :execution SET expiresAt = :expiresAt',
      ExpressionAttributeValues: {
        ':execution': { SS: [executionId] },
        ':expiresAt': { N: String(Math.floor(Date.now() / 1000) + ttlSeconds) },
      },
    }),
  );
}

export async function callsOf(table: string, emailKey: string): Promise<string[]> {
  const { Item } = await dynamoDb().send(
    new GetItemCommand({
      TableName: table,
      Key: { pk: { S: personKey(emailKey) } },
      ConsistentRead: true,
    }),
  );
  return [...(Item?.executions?.SS ?? [])].sort();
}
