/**
 * `npm run queue` as a function: the command line in, text on the given streams, the exit code
 * out. The SDK settings of the target are applied before any AWS client is built.
 */
import { sqs } from '../../functions/aws/sqs';
import {
  ManualQueueBrowser,
  type QueueBrowserOptions,
  type SqsSender,
} from '../../functions/core/manual-queue-browser';
import type { CommandIo } from './command-context';
import { checkLocalStackAnswers } from './local-target';
import { parseQueueArgs, USAGE, UsageError } from './queue-args';
import { checkConfirmable, runQueueCommand } from './queue-commands';
import { applyEnvironment, resolveTarget, type TargetDependencies } from './queue-target';
import { replayRunner } from './replay-runner';

export interface CliDependencies extends TargetDependencies {
  io: CommandIo;
  /** The SQS client; the system's own (functions/aws/sqs.ts) unless replaced. */
  sqsClient?: SqsSender;
  browser?: QueueBrowserOptions;
}

export async function runQueueCli(argv: string[], dependencies: CliDependencies): Promise<number> {
  const { io } = dependencies;
  try {
    const args = parseQueueArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    checkConfirmable(args.command, io);
    const target = await resolveTarget(args.target, dependencies);
    applyEnvironment(target, dependencies.env);
    const client = dependencies.sqsClient ?? sqs();
    await checkLocalStackAnswers(target, client);

    return await runQueueCommand(args.command, {
      browser: new ManualQueueBrowser(client, target.queueUrl, dependencies.browser),
      io,
      where: target.where,
      replayer: target.replay ? replayRunner(target.replay) : undefined,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nnpm run queue -- --help shows the commands and options.`);
      return 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
