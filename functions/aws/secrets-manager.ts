import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { lazyClient } from './client-cache';

/**
 * Read once per cold start, before the function's first answer: short timeouts and the SDK's
 * own retries, so that a slow Secrets Manager costs a caller seconds, not the whole budget.
 */
export const secretsManager = lazyClient(
  () =>
    new SecretsManagerClient({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
    }),
);
