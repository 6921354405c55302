import { describe, expect, it } from 'vitest';
import {
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
} from '../../../functions/core/errors';
import { retryAfterDeadline } from '../../../functions/core/outside-step';
import { isRetryable, RETRY_AFTER_CAP_SECONDS } from '../../../functions/core/retry-policy';

const NOW = 1_765_000_000_000;

describe('the next attempt after a 429', () => {
  it('waits as long as Retry-After says', () => {
    expect(retryAfterDeadline(new RateLimitedError('slack', 7), NOW)).toBe(NOW + 7000);
  });

  it('waits no longer than the retry policy’s own cap, whatever the service asks', () => {
    expect(RETRY_AFTER_CAP_SECONDS).toBe(30);
    expect(retryAfterDeadline(new RateLimitedError('hubspot', 3600), NOW)).toBe(NOW + 30_000);
  });

  it('leaves the wait to the backoff when the service named none, or for other errors', () => {
    expect(retryAfterDeadline(new RateLimitedError('slack'), NOW)).toBeUndefined();
    expect(retryAfterDeadline(new ServiceUnavailableError('slack', 503), NOW)).toBeUndefined();
  });
});

describe('what the workflows retry', () => {
  it('retries transient errors and never a request the service refused as it stands', () => {
    expect(isRetryable(new RateLimitedError('slack', 1))).toBe(true);
    expect(isRetryable(new ServiceUnavailableError('ses', 502))).toBe(true);
    expect(isRetryable(new UpstreamRejectedError('hubspot', 400, 'VALIDATION_ERROR'))).toBe(false);
    expect(isRetryable(new TypeError('bug'))).toBe(false);
  });
});
