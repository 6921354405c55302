/** What the queue commands work with, so that they run the same from the CLI and from tests. */
import type { ManualJob } from '../../functions/core/manual-queue';
import type { ManualQueueBrowser } from '../../functions/core/manual-queue-browser';
import { isNamed, type QueuedJob } from '../../functions/core/queued-job';
import type { ReplayResult } from '../../functions/core/replay-job';

export interface CommandIo {
  /** Results: standard output. */
  out(text: string): void;
  /** Progress, warnings and errors: standard error. */
  err(text: string): void;
  /** Whether a person at a terminal can be asked (standard input is a TTY). */
  interactive: boolean;
  /** Asks a yes-or-no question; only called when `interactive`. */
  confirm(question: string): Promise<boolean>;
}

export interface JobReplayer {
  replay(job: ManualJob): Promise<ReplayResult>;
  /** The job a replayed call was handed over as when it failed again, if it did. */
  handedOverAs(job: ManualJob): Promise<string | undefined>;
  /** How long a job stays hidden while it is replayed: longer than a replay can take. */
  holdSeconds: number;
}

export interface CommandContext {
  browser: ManualQueueBrowser;
  io: CommandIo;
  /** Where the queue is, as messages name it. */
  where: string;
  /** Absent when the target names no calls table or state machines. */
  replayer: JobReplayer | undefined;
}

export class JobNotFoundError extends Error {
  override name = 'JobNotFoundError';

  constructor(id: string, where: string) {
    super(
      `No job ${id} in the manual queue of ${where}; npm run queue -- list shows the jobs there.`,
    );
  }
}

/**
 * Finds one job and keeps it hidden; every other job is given back at once. Throws
 * JobNotFoundError, with everything given back, when no job has that id.
 */
export async function takeJob(context: CommandContext, id: string): Promise<QueuedJob> {
  const { browser } = context;
  const jobs = await browser.browse();
  const found = jobs.find((queued) => isNamed(queued, id));
  await giveBack(
    context,
    jobs.filter((queued) => queued !== found),
  );
  if (!found) throw new JobNotFoundError(id, context.where);
  return found;
}

/** Makes jobs visible again, warning about any the queue would not take back yet. */
export async function giveBack(context: CommandContext, jobs: QueuedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const failed = await context.browser.release(jobs);
  if (failed.length > 0) {
    context.io.err(
      `Warning: ${failed.length} message(s) could not be made visible again at once; ` +
        `they are back within ${context.browser.holdSeconds} s.`,
    );
  }
}
