import { SFNClient } from '@aws-sdk/client-sfn';
import { hasCustomEndpoint, lazyClient } from './client-cache';

/**
 * StartSyncExecution is served from a `sync-` host prefix in AWS; a custom endpoint (the local
 * stack) has no such host, so the prefix is left off there.
 */
export const stepFunctions = lazyClient(
  () => new SFNClient({ disableHostPrefix: hasCustomEndpoint('SFN'), maxAttempts: 2 }),
);
