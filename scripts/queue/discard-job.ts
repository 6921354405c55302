/** Takes a job off the queue for good, recorded in the call's audit trail with who did it. */
import { recordAudit } from '../../functions/core/audit-trail';
import type { QueuedJob } from '../../functions/core/queued-job';
import { type CommandContext, giveBack } from './command-context';

/** Deletes the job (or gives it back when that fails) and answers how to say what went. */
export async function discardJob(
  context: CommandContext,
  queued: QueuedJob,
  actor: string,
): Promise<string> {
  try {
    await context.browser.remove(queued);
  } catch (error) {
    await giveBack(context, [queued]);
    throw error;
  }
  if (queued.job) {
    await recordAudit(queued.job.executionId, {
      actor,
      action: 'job.discarded',
      detail: { jobId: queued.job.jobId, kind: queued.job.kind },
    });
  }
  const what = queued.job ? ` (${queued.job.workflow}, ${queued.job.executionId})` : '';
  return `Discarded ${queued.id}${what}.`;
}
