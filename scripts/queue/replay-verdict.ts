/**
 * What a replay means for the job in the queue: done with (it leaves the queue) or not (it
 * stays, visible again), and how to say so.
 */
import type { ManualJob } from '../../functions/core/manual-queue';
import type { ReplayResult } from '../../functions/core/replay-job';

export type ReplayVerdict =
  /** The workflow ran to an outcome other than failed, or a long-running one was started. */
  | { kind: 'replayed'; result: ReplayResult; newJobId?: string }
  /** The call had completed meanwhile: nothing to do. */
  | { kind: 'already-completed' }
  /** A run of the call is going, or the replay failed: the job stays for another try. */
  | { kind: 'still-queued'; result: ReplayResult }
  /** The replay could not run, or the job could not be taken out of the queue. */
  | { kind: 'error'; message: string; why?: string };

export function verdictOf(result: ReplayResult, newJobId?: string): ReplayVerdict {
  switch (result.result) {
    case 'already-completed':
      return { kind: 'already-completed' };
    case 'busy':
      return { kind: 'still-queued', result };
    case 'ran':
      if (result.status === 'failed') return { kind: 'still-queued', result };
      return { kind: 'replayed', result, ...(newJobId ? { newJobId } : {}) };
    case 'started':
      return { kind: 'replayed', result };
  }
}

export function leavesQueue(verdict: ReplayVerdict): boolean {
  return verdict.kind === 'replayed' || verdict.kind === 'already-completed';
}

/** What happened, in a few words: `ran: completed`, `busy: ...`. */
export function verdictWords(verdict: ReplayVerdict): string {
  if (verdict.kind === 'already-completed') return 'already completed: nothing to do';
  if (verdict.kind === 'error') return `error: ${verdict.message}`;
  const { result } = verdict;
  switch (result.result) {
    case 'ran': {
      const again = verdict.kind === 'replayed' && verdict.newJobId;
      if (again) return `ran: ${result.status}, and was handed over again as ${again}`;
      if (result.status === 'accepted')
        return 'ran: accepted, still running (it records its own outcome)';
      return `ran: ${result.status}`;
    }
    case 'started':
      return `started: ${result.executionName} goes on (it waits for people)`;
    case 'busy':
      return 'busy: a run of this call is going right now';
    default:
      return result.result;
  }
}

/** Why a job stays in the queue, and what to do about it. */
export function whyItStays(verdict: ReplayVerdict, job: ManualJob): string {
  if (verdict.kind === 'error') {
    return verdict.why ?? 'the replay did not get through; try again once the cause is fixed';
  }
  if (verdict.kind === 'still-queued' && verdict.result.result === 'busy') {
    return 'replay it again when that run has ended';
  }
  return `the workflow failed again; GET /executions/${job.executionId} shows its answer`;
}
