/** What a workflow run produced, as stored on the call record and answered to the agent. */
import type { ManualJob } from './manual-queue';

/**
 * `accepted` is the answer while a run is still going, and the stored outcome of a call that was
 * handed to a person (the manual processing queue) instead of finishing by itself.
 */
export const OUTCOME_STATUSES = [
  'completed',
  'partial',
  'pending_approval',
  'accepted',
  'failed',
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
export type ResponseStatus = OutcomeStatus;

export interface WorkflowOutcome {
  workflowId: string;
  status: OutcomeStatus;
  results: Record<string, unknown>;
  errors: string[];
  warnings: string[];
  /** The facts the spoken message is built from, so that it does not depend on one workflow. */
  highlights: OutcomeHighlights;
  /** From the moment the intake received the call to the end of the run. */
  executionTimeMs: number;
  finishedAt: string;
}

export interface OutcomeHighlights {
  followUpAt?: string;
  team?: string;
  /** Services with a step that failed for good: email, chat, sms, calendar, crm. */
  failedChannels: string[];
  /** Confirmations that reached the caller: email, calendar. */
  workingChannels: string[];
  /** Support: the helpdesk ticket the caller can quote. */
  ticketNumber?: string;
  /** Support: when the team promised to answer (ISO 8601), and as a duration for clock SLAs. */
  respondBy?: string;
  respondWithinMinutes?: number;
  /** Support: the knowledge-base answer in a sentence or two, to be said on the phone. */
  answerGist?: string;
  /** The call went to the manual processing queue: a colleague takes it from here. */
  handedOver?: boolean;
}

/** The call's outcome once it is with a person: `accepted`, and said so honestly. */
export function handedOverOutcome(job: ManualJob, receivedAt: number | undefined): WorkflowOutcome {
  const now = Date.now();
  return {
    workflowId: `wf_${job.workflow}`,
    status: 'accepted',
    results: { manual_processing: { job_id: job.jobId, reason: job.kind } },
    errors: job.failedSteps.length
      ? job.failedSteps.map((step) => `${step.step}: ${step.error}`)
      : [job.error ?? job.reason],
    warnings: ['The call was handed to a colleague through the manual processing queue.'],
    highlights: { failedChannels: [], workingChannels: [], handedOver: true },
    executionTimeMs: receivedAt ? now - receivedAt : 0,
    finishedAt: new Date(now).toISOString(),
  };
}
