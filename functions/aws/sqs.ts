import { SQSClient } from '@aws-sdk/client-sqs';
import { lazyClient } from './client-cache';

/** SQS over its default AWS JSON protocol, which the local stack's endpoint speaks too. */
export const sqs = lazyClient(() => new SQSClient({ maxAttempts: 2 }));
