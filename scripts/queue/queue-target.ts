/**
 * Which queue and which workflows a command works on: the local stack of `npm start` (the
 * default), a deployed stack found by its CloudFormation outputs, or resources named outright.
 * The SDK settings it brings are applied before any AWS client is built.
 */
import type { ReplayTarget } from '../../functions/core/replay-job';
import { awsTarget, type DescribeOutputs } from './aws-target';
import { localTarget } from './local-target';
import type { TargetOptions } from './queue-args';

export interface QueueTarget {
  /** Where the commands work, as messages name it. */
  where: string;
  queueUrl: string;
  /** What a replay needs; `undefined` where it was not given (only --queue-url). */
  replay: ReplayTarget | undefined;
  /** SDK settings to apply; `undefined` removes a variable. */
  environment: Record<string, string | undefined>;
  /** Set for the local stack: how to tell that it answers, before any command runs. */
  local?: { infoPath: string };
}

export interface TargetDependencies {
  /** Reads a CloudFormation stack's outputs; the SDK's DescribeStacks unless replaced. */
  describeOutputs?: DescribeOutputs;
  /** The project folder, against which the default data folder is found. */
  projectRoot: string;
  env?: NodeJS.ProcessEnv;
}

export async function resolveTarget(
  options: TargetOptions,
  dependencies: TargetDependencies,
): Promise<QueueTarget> {
  if (options.stack || options.queueUrl) return awsTarget(options, dependencies);
  return localTarget(options.dataDir, dependencies.projectRoot);
}

/** Applies the target's SDK settings to `env` (the process environment by default). */
export function applyEnvironment(target: QueueTarget, env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(target.environment)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
}
