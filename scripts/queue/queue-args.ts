/** The command line of `npm run queue`: which command, on which job, against which stack. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run queue -- <command> [options]

The manual processing queue: jobs the system could not finish by itself.

Commands:
  list              every job: id, kind, workflow, execution, queued at, reason, failed steps
  show ID           one job in full (ID is the job id or the SQS message id)
  replay ID         run the job's workflow again; the job leaves the queue once it is done with
  replay --all      replay every job, one at a time, with a summary at the end
  discard ID        delete the job from the queue (--yes when not run from a terminal)

Where (the local stack of npm start by default):
  --data-dir DIR    the local stack's data folder, holding its stack.json (default .local-data/)
  --stack NAME      a deployed stack, found by its CloudFormation outputs
  --region R        the AWS region (default: from the queue URL or the AWS configuration)
  --queue-url URL --calls-table T --state-machine lead=ARN,support=ARN,high-value=ARN
                    name the resources yourself (also to override a stack's outputs)

In AWS the standard credential chain applies (AWS_PROFILE, environment, SSO, ...). A replay
keeps call records for IDEMPOTENCY_TTL_HOURS (default 24), as a delivery does.
  -h, --help        this text`;

export type QueueCommand =
  | { name: 'list' }
  | { name: 'show'; id: string }
  | { name: 'replay'; id: string }
  | { name: 'replay-all' }
  | { name: 'discard'; id: string; yes: boolean };

export interface TargetOptions {
  dataDir?: string;
  stack?: string;
  region?: string;
  queueUrl?: string;
  callsTable?: string;
  stateMachines?: Record<string, string>;
}

export type QueueArgs =
  | { help: true }
  | { help: false; command: QueueCommand; target: TargetOptions };

/** A command line that cannot be run as written; the message says what to change. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseQueueArgs(argv: string[]): QueueArgs {
  const { values, positionals } = parse(argv);
  if (values.help) return { help: true };
  return { help: false, command: commandOf(positionals, values), target: targetOf(values) };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        all: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'data-dir': { type: 'string' },
        stack: { type: 'string' },
        region: { type: 'string' },
        'queue-url': { type: 'string' },
        'calls-table': { type: 'string' },
        'state-machine': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

type Values = ReturnType<typeof parse>['values'];

function commandOf(positionals: string[], values: Values): QueueCommand {
  const [name, id, ...extra] = positionals;
  if (!name) throw new UsageError('Name a command: list, show, replay or discard.');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (values.all && name !== 'replay') throw new UsageError('--all goes with replay only.');
  if (values.yes && name !== 'discard') throw new UsageError('--yes goes with discard only.');

  switch (name) {
    case 'list':
      if (id) throw new UsageError(`list takes no job id (got "${id}").`);
      return { name: 'list' };
    case 'show':
      return { name: 'show', id: required(id, 'show') };
    case 'replay':
      if (values.all) {
        if (id) throw new UsageError('Give either a job id or --all, not both.');
        return { name: 'replay-all' };
      }
      return { name: 'replay', id: required(id, 'replay', ' (or --all for every job)') };
    case 'discard':
      return { name: 'discard', id: required(id, 'discard'), yes: values.yes };
    default:
      throw new UsageError(`Unknown command "${name}": use list, show, replay or discard.`);
  }
}

function required(id: string | undefined, command: string, alternative = ''): string {
  if (!id) {
    throw new UsageError(
      `${command} needs a job id${alternative}; npm run queue -- list shows them.`,
    );
  }
  return id;
}

function targetOf(values: Values): TargetOptions {
  if (values['data-dir'] !== undefined && (values.stack || values['queue-url'])) {
    throw new UsageError(
      '--data-dir is for the local stack; leave it out with --stack or --queue-url.',
    );
  }
  const target: TargetOptions = {};
  if (values['data-dir'] !== undefined) target.dataDir = values['data-dir'];
  if (values.stack !== undefined) target.stack = values.stack;
  if (values.region !== undefined) target.region = values.region;
  if (values['queue-url'] !== undefined) target.queueUrl = values['queue-url'];
  if (values['calls-table'] !== undefined) target.callsTable = values['calls-table'];
  if (values['state-machine'] !== undefined) {
    target.stateMachines = parseStateMachines(values['state-machine']);
  }
  const forAws = target.callsTable || target.stateMachines || target.region;
  if (forAws && !target.stack && !target.queueUrl) {
    throw new UsageError(
      '--region, --calls-table and --state-machine need --stack or --queue-url.',
    );
  }
  return target;
}

/** `lead=ARN,support=ARN`, also given as several --state-machine options. */
export function parseStateMachines(values: string[]): Record<string, string> {
  const machines: Record<string, string> = {};
  for (const pair of values.flatMap((value) => value.split(','))) {
    const [workflow, arn] = pair.split(/=(.*)/s).map((part) => part.trim());
    if (!workflow || !arn) {
      throw new UsageError(`--state-machine takes workflow=ARN pairs, got "${pair}".`);
    }
    machines[workflow] = arn;
  }
  return machines;
}
