/**
 * The manual processing queue: work the system could not finish by itself, with everything a
 * person needs to finish it (or to replay it) and why it is there.
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { sqs } from '../aws/sqs';
import { toConnectorError } from '../connectors/aws-error';
import { configSection, readEnv } from './config';
import type { FailedStep } from './step-ledger';

/** Why a job is in the queue. */
export const MANUAL_JOB_KINDS = {
  /** A step the workflow cannot do without failed for good; the fallback ran. */
  'failed-run': 'The workflow failed',
  /** The workflow finished, but some of its steps failed for good. */
  'failed-steps': 'Some steps failed',
  /** The intake could not start the workflow. */
  'not-started': 'The workflow could not be started',
  /** A run ended without an outcome: timed out, stopped or crashed outside its catchers. */
  'execution-ended': 'The workflow ended without finishing',
  /** Nobody decided on a high-value lead before the deadline. */
  'approval-deadline': 'No approval decision',
} as const;
export type ManualJobKind = keyof typeof MANUAL_JOB_KINDS;

export interface ManualJob {
  /** Stable for one run's hand-over, so that a retried hand-over queues nothing twice. */
  jobId: string;
  kind: ManualJobKind;
  /** The workflow that a replay starts again. */
  workflow: string;
  /** The call's execution id: the key of its call record and of its steps in the ledger. */
  executionId: string;
  /** The Step Functions execution name of the run that failed. */
  run: string;
  /** One sentence for the person who picks it up. */
  reason: string;
  /** The steps that failed for good, with their errors, attempts and times. */
  failedSteps: FailedStep[];
  error?: string;
  /** When the intake received the call (epoch ms). */
  receivedAt?: number;
  queuedAt: string;
  /** What the fallback direct calls achieved, by what they did. */
  fallback?: Record<string, string>;
  /** The channels that told the admin. */
  adminNotified: string[];
  /** The workflow's input as the run had it: a replay starts the workflow with it again. */
  input: unknown;
}

/** Where the queue is: every function that can hand work over reads it. */
export const manualQueueUrl = configSection(
  (env) =>
    readEnv(
      z.object({ MANUAL_QUEUE_URL: z.string().url('the URL of the SQS manual processing queue') }),
      env,
    ).MANUAL_QUEUE_URL,
);

export function manualJobId(executionId: string, workflow: string, run: string): string {
  const digest = createHash('sha256').update(`${executionId}\n${workflow}\n${run}`).digest('hex');
  return `job_${digest.slice(0, 24)}`;
}

export async function queueManualJob(
  queueUrl: string,
  job: ManualJob,
): Promise<{ messageId: string }> {
  const timeoutMs = 5000;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { MessageId } = await sqs().send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(job),
        MessageAttributes: {
          jobId: { DataType: 'String', StringValue: job.jobId },
          kind: { DataType: 'String', StringValue: job.kind },
          workflow: { DataType: 'String', StringValue: job.workflow },
          executionId: { DataType: 'String', StringValue: job.executionId },
        },
      }),
      { abortSignal: signal },
    );
    return { messageId: MessageId ?? '' };
  } catch (error) {
    throw toConnectorError(error, { service: 'sqs', timeoutMs, signal });
  }
}
