/**
 * Every Task that reaches an outside service runs through `outsideStep`: a step that completed
 * before answers what it answered then, a retry waits out a 429's Retry-After (up to the retry
 * policy's cap), and each attempt is counted for the retry metrics and the manual queue.
 */
import { recordAudit } from './audit-trail';
import type { Contact } from './call';
import { RateLimitedError } from './errors';
import { logger } from './logger';
import { countMetric } from './metrics';
import { rememberPersonalData } from './redaction';
import { isRetryable, RETRY_AFTER_CAP_SECONDS, RETRY_POLICY } from './retry-policy';
import {
  completeStep,
  failAttempt,
  readStep,
  type StepRef,
  startAttempt,
  workflowOfStep,
} from './step-ledger';

/** What the ASL adds to the input of every outside Task. */
export interface OutsideStepInput {
  executionId?: string;
  /** Absent only when a handler is called directly, outside any workflow. */
  step?: StepRef;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait a 429 asked for, capped as the retry policy caps its own backoff. */
export function retryAfterDeadline(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof RateLimitedError) || error.retryAfterSeconds === undefined)
    return undefined;
  return now + Math.min(error.retryAfterSeconds, RETRY_AFTER_CAP_SECONDS) * 1000;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs `work` at most once to completion per call and step. `ref.name` may be a sub-step of a
 * Task (`lead.HandOver.adminChat`) when one Task does several things that must each happen once.
 */
export async function onceForStep<T>(
  executionId: string,
  ref: StepRef,
  work: () => Promise<T>,
): Promise<T> {
  const previous = await readStep(executionId, ref.name);
  if (previous?.status === 'completed') return previous.result as T;

  const attempt = await startAttempt(executionId, ref, previous);
  const dimensions = { Workflow: workflowOfStep(ref.name) };
  countMetric('StepAttempts', dimensions);
  if (attempt.attempts > 1) countMetric('StepRetries', dimensions);
  if (attempt.notBefore && attempt.notBefore > Date.now()) {
    const waitMs = Math.min(attempt.notBefore - Date.now(), RETRY_AFTER_CAP_SECONDS * 1000);
    logger.info('Waiting out Retry-After before the next attempt', { step: ref.name, waitMs });
    await sleep(waitMs);
  }

  let result: T;
  try {
    result = await work();
  } catch (error) {
    const final = !isRetryable(error) || attempt.attempts > RETRY_POLICY.MaxAttempts;
    if (final) countMetric('StepFailures', dimensions);
    logger.warn('Step attempt failed', {
      executionId,
      step: ref.name,
      attempt: attempt.attempts,
      final,
      error: describe(error),
    });
    await Promise.all([
      failAttempt(executionId, ref.name, describe(error), retryAfterDeadline(error)).catch(
        (ledgerError: unknown) => logger.error('Step failure not recorded', { ledgerError }),
      ),
      final
        ? recordAudit(executionId, {
            actor: 'system',
            action: 'step.failed',
            detail: { step: ref.name, attempts: attempt.attempts, error: errorName(error) },
          })
        : undefined,
    ]);
    throw error;
  }
  await Promise.all([
    completeStep(executionId, ref.name, result),
    recordAudit(executionId, {
      actor: 'system',
      action: 'step.completed',
      detail: { step: ref.name, attempts: attempt.attempts },
    }),
  ]);
  return result;
}

/** Wraps a Task handler so that it runs through the ledger when the workflow names its step. */
export function outsideStep<I, O, C = unknown>(
  task: (input: I, context?: C) => Promise<O>,
): (input: I & OutsideStepInput, context?: C) => Promise<O> {
  return (input, context) => {
    const { step, executionId } = input;
    const { contact } = (input as { call?: { contact?: Contact } }).call ?? {};
    if (contact) rememberPersonalData([contact.name, contact.email, contact.phone]);
    if (!step) return task(input, context);
    if (!executionId) {
      throw new TypeError(`Step ${step.name} was given no executionId; the ASL must pass one`);
    }
    return onceForStep(executionId, step, () => task(input, context));
  };
}
