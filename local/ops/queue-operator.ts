/**
 * The page as an operator of the manual processing queue, through the queue command's own
 * pieces: the browser that receives and gives back, `replayOne` (replay, then delete or give
 * back, as `npm run queue -- replay` does) and `takeJob` for a discard. One action at a time:
 * a browse hides every message while it looks, so two at once would each see part of the queue.
 */
import { sqs } from '../../functions/aws/sqs';
import { ManualQueueBrowser } from '../../functions/core/manual-queue-browser';
import type { QueuedJob } from '../../functions/core/queued-job';
import type { ReplayTarget } from '../../functions/core/replay-job';
import {
  type CommandContext,
  type CommandIo,
  giveBack,
  JobNotFoundError,
  takeJob,
} from '../../scripts/queue/command-context';
import { discardJob } from '../../scripts/queue/discard-job';
import { replayOne } from '../../scripts/queue/replay-commands';
import { replayRunner } from '../../scripts/queue/replay-runner';

/** Who the audit trail names for what is done from the page. */
export const OPS_PAGE_ACTOR = 'operator:ops-page';

export interface QueueAction {
  at: Date;
  jobId: string;
  action: 'replay' | 'discard';
  /** Whether the job left the queue. */
  done: boolean;
  /** What happened, in the words `npm run queue` would use. */
  text: string;
}

const KEPT_ACTIONS = 20;

export class QueueOperator {
  private turn: Promise<unknown> = Promise.resolve();
  private readonly actions: QueueAction[] = [];

  constructor(
    private readonly queueUrl: string,
    /** Read when needed: the stack sets the environment it comes from after it starts. */
    private readonly replayTarget: () => ReplayTarget,
  ) {}

  /** Newest first. */
  recentActions(): QueueAction[] {
    return [...this.actions];
  }

  /** Every job, each given back at once. */
  list(): Promise<QueuedJob[]> {
    return this.inTurn(async (context) => {
      const jobs = await context.browser.browse();
      await giveBack(context, jobs);
      return jobs;
    });
  }

  replay(id: string): Promise<QueueAction> {
    return this.inTurn(async (context, lines) => {
      const code = await replayOne(context, id).catch((error: unknown) => failure(error, lines));
      return this.note({ jobId: id, action: 'replay', done: code === 0, text: lines.join(' ') });
    });
  }

  discard(id: string): Promise<QueueAction> {
    return this.inTurn(async (context, lines) => {
      try {
        const queued = await takeJob(context, id);
        const text = await discardJob(context, queued, OPS_PAGE_ACTOR);
        return this.note({
          jobId: id,
          action: 'discard',
          done: true,
          text,
        });
      } catch (error) {
        failure(error, lines);
        return this.note({ jobId: id, action: 'discard', done: false, text: lines.join(' ') });
      }
    });
  }

  private note(action: Omit<QueueAction, 'at'>): QueueAction {
    const noted = { at: new Date(), ...action };
    this.actions.unshift(noted);
    this.actions.splice(KEPT_ACTIONS);
    return noted;
  }

  private inTurn<T>(work: (context: CommandContext, lines: string[]) => Promise<T>): Promise<T> {
    const lines: string[] = [];
    const io: CommandIo = {
      out: (text) => lines.push(text.trim()),
      err: (text) => lines.push(text.trim()),
      interactive: false,
      confirm: async () => false,
    };
    const run = this.turn.then(() =>
      work(
        {
          browser: new ManualQueueBrowser(sqs(), this.queueUrl),
          io,
          where: 'the local stack',
          replayer: replayRunner({ ...this.replayTarget(), actor: OPS_PAGE_ACTOR }),
        },
        lines,
      ),
    );
    this.turn = run.catch(() => undefined);
    return run;
  }
}

/** An error as a line of the action's text, and the exit code a command would have given. */
function failure(error: unknown, lines: string[]): number {
  lines.push(
    error instanceof JobNotFoundError
      ? 'No such job in the queue any more.'
      : `Error: ${error instanceof Error ? error.message : String(error)}`,
  );
  return 1;
}
