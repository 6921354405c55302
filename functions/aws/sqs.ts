import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { lazyClient } from './client-cache';

/**
 * SQS speaks JSON by default; `SQS_WIRE_PROTOCOL=query` switches to the older query protocol,
 * which SQS still serves and which is the only one the local emulator speaks.
 */
export const sqs = lazyClient(
  () =>
    new SQSClient({
      maxAttempts: 2,
      ...(process.env.SQS_WIRE_PROTOCOL === 'query' ? { protocol: AwsQueryProtocol as never } : {}),
    }),
);
