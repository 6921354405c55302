import {
  type AttributeValue,
  DynamoDBClient,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { lazyClient } from './client-cache';

export const dynamoDb = lazyClient(() => new DynamoDBClient({ maxAttempts: 2 }));

export type Item = Record<string, AttributeValue>;

/** Every item a filtered scan finds, page after page. */
export async function scanAll(input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamoDb().send(
      new ScanCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
