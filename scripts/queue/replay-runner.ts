/** Replays through the system's own `replayJob`, against the target's table and state machines. */
import { readCall } from '../../functions/core/call-records';
import type { ManualJob } from '../../functions/core/manual-queue';
import { type ReplayTarget, replayJob } from '../../functions/core/replay-job';
import type { JobReplayer } from './command-context';

/** Express runs are waited for this long at most, as `replayJob` does by default. */
const DEFAULT_WAIT_MS = 300_000;

export function replayRunner(target: ReplayTarget): JobReplayer {
  const waitMs = target.waitMs ?? DEFAULT_WAIT_MS;
  return {
    replay: (job) => replayJob(job, { ...target, waitMs }),
    handedOverAs: async (job: ManualJob) => {
      const outcome = (await readCall(target.callsTable, job.executionId))?.outcome;
      const handedOver = outcome?.results?.manual_processing as { job_id?: unknown } | undefined;
      const jobId = typeof handedOver?.job_id === 'string' ? handedOver.job_id : undefined;
      return jobId && jobId !== job.jobId ? jobId : undefined;
    },
    // A margin over the longest wait, so the job is not handed out while its replay runs.
    holdSeconds: Math.ceil(waitMs / 1000) + 60,
  };
}
