/**
 * The one retry policy of every Task in statemachines/*.asl.json: 3 retries on the connectors'
 * named transient errors and on timeouts, from 2 s doubling to at most 30 s, with full jitter.
 * The ASL files carry it literally (they are the definitions AWS runs); a test holds each Task
 * to this declaration.
 */
import { RETRYABLE_ERROR_NAMES } from './errors';

export const RETRY_POLICY = {
  ErrorEquals: [...RETRYABLE_ERROR_NAMES, 'States.Timeout'],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
} as const;

/**
 * A callback Task's own timeout means "nobody answered in time" and is caught as a step of the
 * workflow, so it retries only when handing out its request failed.
 */
export const CALLBACK_RETRY_POLICY = {
  ...RETRY_POLICY,
  ErrorEquals: [...RETRYABLE_ERROR_NAMES],
} as const;

/** A 429's Retry-After is honoured up to the policy's own longest wait. */
export const RETRY_AFTER_CAP_SECONDS = RETRY_POLICY.MaxDelaySeconds;

/** Whether the ASL retries this error: the test of a "final" failure. */
export function isRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return (RETRY_POLICY.ErrorEquals as readonly string[]).includes(name);
}
