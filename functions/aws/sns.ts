import { SNSClient } from '@aws-sdk/client-sns';
import { lazyClient } from './client-cache';

/** Retries stay with the workflow's policy, so the SDK tries once. */
export const sns = lazyClient(() => new SNSClient({ maxAttempts: 1 }));
