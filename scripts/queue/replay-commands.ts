/**
 * `replay ID` and `replay --all`: each job is replayed while it is kept hidden, then deleted
 * when the replay is done with it, or given back (visible again) with the reason it stays.
 */

import { isNamed, type QueuedJob } from '../../functions/core/queued-job';
import { type CommandContext, giveBack, type JobReplayer, takeJob } from './command-context';
import { UsageError } from './queue-args';
import {
  leavesQueue,
  type ReplayVerdict,
  verdictOf,
  verdictWords,
  whyItStays,
} from './replay-verdict';

function replayerOf(context: CommandContext): JobReplayer {
  if (!context.replayer) {
    throw new UsageError(
      'replay needs the calls table and the state machines: give --stack NAME, or ' +
        '--calls-table T and --state-machine lead=ARN,support=ARN,high-value=ARN.',
    );
  }
  return context.replayer;
}

export async function replayOne(context: CommandContext, id: string): Promise<number> {
  const replayer = replayerOf(context);
  const queued = await takeJob(context, id);
  const verdict = await replayHeld(context, replayer, queued);
  const { io } = context;
  const what = queued.job
    ? `${queued.id} (${queued.job.workflow}, ${queued.job.executionId})`
    : queued.id;
  io.out(sentence(`${what} ${verdictWords(verdict)}`));
  if (leavesQueue(verdict)) {
    io.out('Deleted it from the queue.');
    return 0;
  }
  const why = queued.job ? whyItStays(verdict, queued.job) : 'it holds no job';
  io.out(sentence(`It stays in the queue: ${why}`));
  return 1;
}

interface Tally {
  replayed: number;
  alreadyCompleted: number;
  stillQueued: number;
  errors: string[];
  handedOverAgain: string[];
}

export async function replayAll(context: CommandContext): Promise<number> {
  const replayer = replayerOf(context);
  const { browser, io } = context;
  const browsedAt = Date.now();
  const everything = await browser.browse();
  const unreadable = everything.filter((queued) => !queued.job);
  await giveBack(context, unreadable);
  const jobs = everything.filter((queued) => queued.job);
  let hiddenUntil = browsedAt + browser.holdSeconds * 1000;
  const tally: Tally = {
    replayed: 0,
    alreadyCompleted: 0,
    stillQueued: 0,
    errors: [],
    handedOverAgain: [],
  };

  for (const [index, queued] of jobs.entries()) {
    // The jobs not yet replayed stay hidden until their turn, however long the others take.
    if (Date.now() + replayer.holdSeconds * 1000 > hiddenUntil) {
      await browser.hold(jobs.slice(index), replayer.holdSeconds * 2);
      hiddenUntil = Date.now() + replayer.holdSeconds * 2000;
    }
    const verdict = await replayHeld(context, replayer, queued);
    count(tally, queued, verdict);
    io.err(
      `[${index + 1}/${jobs.length}] ${queued.id} ${queued.job?.workflow} ${verdictWords(verdict)}`,
    );
  }

  io.out(summary(jobs.length, tally, unreadable.length));
  return tally.stillQueued + tally.errors.length > 0 ? 1 : 0;
}

/** Replays a job already taken from the queue, and deletes it or gives it back. */
async function replayHeld(
  context: CommandContext,
  replayer: JobReplayer,
  queued: QueuedJob,
): Promise<ReplayVerdict> {
  const { job } = queued;
  if (!job) {
    await giveBack(context, [queued]);
    return { kind: 'error', message: 'the message holds no job this tool can read' };
  }
  let verdict: ReplayVerdict;
  try {
    await context.browser.hold([queued], replayer.holdSeconds);
    const result = await replayer.replay(job);
    const newJobId = result.result === 'ran' ? await replayer.handedOverAs(job) : undefined;
    verdict = verdictOf(result, newJobId);
    if (newJobId && !(await isQueued(context, newJobId))) {
      // The new job is what takes this one's place: without it, this one is all there is.
      verdict = {
        kind: 'error',
        message: `${verdictWords(verdict)}, but ${newJobId} is not in the queue`,
        why: `nothing else holds the call's work; GET /executions/${job.executionId} shows the call`,
      };
    }
  } catch (error) {
    verdict = { kind: 'error', message: messageOf(error) };
  }
  if (!leavesQueue(verdict)) {
    await giveBack(context, [queued]);
    return verdict;
  }
  try {
    await context.browser.remove(queued);
    return verdict;
  } catch (error) {
    await giveBack(context, [queued]);
    return {
      kind: 'error',
      message: `${verdictWords(verdict)}, but not deleted: ${messageOf(error)}`,
      why: 'it could not be deleted; discard it once you have checked the call',
    };
  }
}

/** Whether a job is in the queue; what this browse sees is given back at once. */
async function isQueued(context: CommandContext, id: string): Promise<boolean> {
  const seen = await context.browser.browse();
  await giveBack(context, seen);
  return seen.some((queued) => isNamed(queued, id));
}

function count(tally: Tally, queued: QueuedJob, verdict: ReplayVerdict): void {
  if (verdict.kind === 'replayed') {
    tally.replayed += 1;
    if (verdict.newJobId) tally.handedOverAgain.push(verdict.newJobId);
  } else if (verdict.kind === 'already-completed') tally.alreadyCompleted += 1;
  else if (verdict.kind === 'still-queued') tally.stillQueued += 1;
  else tally.errors.push(`${queued.id}: ${verdict.message}`);
}

function summary(total: number, tally: Tally, unreadable: number): string {
  if (total === 0 && unreadable === 0)
    return 'The manual processing queue is empty: nothing to replay.';
  const errors = `${tally.errors.length} error${tally.errors.length === 1 ? '' : 's'}`;
  const lines = [
    `${total} job${total === 1 ? '' : 's'}: ${tally.replayed} replayed, ${tally.alreadyCompleted} ` +
      `already completed, ${tally.stillQueued} still queued, ${errors}.`,
  ];
  if (tally.handedOverAgain.length > 0) {
    lines.push(
      `Handed over again as new jobs (they failed once more): ${tally.handedOverAgain.join(', ')}.`,
    );
  }
  for (const error of tally.errors) lines.push(`Error: ${error}`);
  if (unreadable > 0) lines.push(`Left alone: ${unreadable} message(s) holding no readable job.`);
  return lines.join('\n');
}

/** Ends with one full stop, whether the words brought their own or not. */
function sentence(words: string): string {
  return words.endsWith('.') ? words : `${words}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);
}
