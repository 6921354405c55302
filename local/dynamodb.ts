/** DynamoDB on loopback (dynalite), with the tables the handlers use. */

import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export const TABLES = [
  { name: 'calls', key: 'pk' },
  { name: 'approvals', key: 'pk' },
] as const;

export async function startDynamoDb(
  path: string | undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = dynalite({
    ...(path ? { path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const client = new DynamoDBClient({
    endpoint: url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (const table of TABLES) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table.name,
          KeySchema: [{ AttributeName: table.key, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: table.key, AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  client.destroy();

  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
