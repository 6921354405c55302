import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazyClient } from './client-cache';

/** Retries stay with the workflow's policy, so the SDK tries once. */
export const ses = lazyClient(() => new SESv2Client({ maxAttempts: 1 }));
