import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lazyClient } from './client-cache';

export const dynamoDb = lazyClient(() => new DynamoDBClient({ maxAttempts: 2 }));
