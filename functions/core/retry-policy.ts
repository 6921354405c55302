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
