/**
 * A job as found in the manual processing queue: the job its message carries, and every copy
 * of it that the queue handed out (SQS delivers at least once, and a hand-over retried after
 * its message went out queues the same job again).
 */
import { z } from 'zod';
import type { ManualJob } from './manual-queue';

export interface QueuedMessage {
  messageId: string;
  /** The handle of the latest receipt: the only one that SQS is sure to honour. */
  receiptHandle: string;
  body: string;
}

export interface QueuedJob {
  /** The job id, or the message id of a message that holds no job. */
  id: string;
  /** `undefined` when the message's body is not a job this tool can read. */
  job: ManualJob | undefined;
  copies: QueuedMessage[];
}

const failedStepSchema = z.object({
  step: z.string(),
  error: z.string(),
  attempts: z.number(),
  firstAttemptAt: z.string(),
  lastAttemptAt: z.string(),
});

/** What this tool relies on; the rest of the job is kept as it came. */
const jobSchema = z.looseObject({
  jobId: z.string().min(1),
  kind: z.string(),
  workflow: z.string().min(1),
  executionId: z.string().min(1),
  run: z.string(),
  reason: z.string(),
  failedSteps: z.array(failedStepSchema).default([]),
  queuedAt: z.string(),
  adminNotified: z.array(z.string()).default([]),
});

export function readJob(body: string): ManualJob | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(body));
    return parsed.success ? (parsed.data as unknown as ManualJob) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `id` names this job: its job id or the SQS message id of any of its copies. */
export function isNamed(queued: QueuedJob, id: string): boolean {
  return queued.id === id || queued.copies.some((copy) => copy.messageId === id);
}
