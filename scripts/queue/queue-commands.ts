/** The commands of `npm run queue`: list, show, replay and discard. Each answers its exit code. */
import { type CommandContext, type CommandIo, giveBack, takeJob } from './command-context';
import { discardJob } from './discard-job';
import { jobDetails, jobListing } from './job-text';
import { operatorActor } from './operator-actor';
import { type QueueCommand, UsageError } from './queue-args';
import { replayAll, replayOne } from './replay-commands';

/** Exit codes: 0 done, 1 not done (the job stays, or it was not found), 2 a wrong command line. */
export async function runQueueCommand(
  command: QueueCommand,
  context: CommandContext,
): Promise<number> {
  switch (command.name) {
    case 'list':
      return list(context);
    case 'show':
      return show(context, command.id);
    case 'replay':
      return replayOne(context, command.id);
    case 'replay-all':
      return replayAll(context);
    case 'discard':
      return discard(context, command.id, command.yes);
  }
}

async function list(context: CommandContext): Promise<number> {
  const jobs = await context.browser.browse();
  await giveBack(context, jobs);
  context.io.out(jobListing(jobs));
  return 0;
}

async function show(context: CommandContext, id: string): Promise<number> {
  const queued = await takeJob(context, id);
  await giveBack(context, [queued]);
  context.io.out(jobDetails(queued));
  return 0;
}

/**
 * Refuses a discard that nobody can confirm, before anything is looked up: deleting work for
 * good needs to be said outright when no person at a terminal can be asked.
 */
export function checkConfirmable(command: QueueCommand, io: CommandIo): void {
  if (command.name !== 'discard' || command.yes || io.interactive) return;
  throw new UsageError(
    `Not discarding ${command.id}: standard input is not a terminal, so nobody can confirm; ` +
      'pass --yes.',
  );
}

/** Long enough for a person to read the job and answer. */
const CONFIRM_HOLD_SECONDS = 600;

async function discard(context: CommandContext, id: string, yes: boolean): Promise<number> {
  const { io, browser } = context;
  checkConfirmable({ name: 'discard', id, yes }, io);
  const queued = await takeJob(context, id);
  io.out(jobDetails(queued));
  if (!yes) {
    await browser.hold([queued], CONFIRM_HOLD_SECONDS);
    if (!(await io.confirm(`Discard ${queued.id} for good? [y/N] `))) {
      await giveBack(context, [queued]);
      io.out(`\nKept ${queued.id} in the queue.`);
      return 1;
    }
  }
  io.out(`\n${await discardJob(context, queued, operatorActor())}`);
  return 0;
}
