/** The faults every connector must turn into the ConnectorError the ASL retries or catches. */

import {
  type ConnectorError,
  NetworkError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
  UpstreamTimeoutError,
} from '../../functions/core/errors';
import type { FaultAction } from '../../local/standins/faults';

export interface FaultCase {
  title: string;
  fault: FaultAction;
  error: abstract new (...args: never[]) => ConnectorError;
  /** Connectors are called with a short timeout for these, so a hang ends quickly. */
  short?: boolean;
}

/** Short enough for a quick test, long enough for a loopback answer on a busy machine. */
export const SHORT_TIMEOUT_MS = 200;

export const FAULT_CASES: FaultCase[] = [
  {
    title: '429 with Retry-After becomes RateLimitedError',
    fault: { kind: 'status', status: 429, retryAfterSeconds: 7 },
    error: RateLimitedError,
  },
  {
    title: '502 becomes ServiceUnavailableError',
    fault: { kind: 'status', status: 502 },
    error: ServiceUnavailableError,
  },
  {
    title: '503 becomes ServiceUnavailableError',
    fault: { kind: 'status', status: 503 },
    error: ServiceUnavailableError,
  },
  {
    title: 'a hang becomes UpstreamTimeoutError',
    fault: { kind: 'hang' },
    error: UpstreamTimeoutError,
    short: true,
  },
  {
    title: 'a dropped connection becomes NetworkError',
    fault: { kind: 'drop' },
    error: NetworkError,
  },
  {
    title: 'a 400 becomes UpstreamRejectedError',
    fault: { kind: 'status', status: 400 },
    error: UpstreamRejectedError,
  },
];

/** Runs `act`, expecting it to fail; answers the error for assertions. */
export async function failureOf(act: () => Promise<unknown>): Promise<unknown> {
  try {
    await act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
