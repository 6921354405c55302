/**
 * A deployed stack as a target: its CloudFormation outputs name the queue, the calls table and
 * the state machines; options given outright take their place. Credentials and region come
 * from the standard AWS SDK chain.
 */
import { operatorActor } from './operator-actor';
import type { TargetOptions } from './queue-args';
import type { QueueTarget, TargetDependencies } from './queue-target';

export interface StackOutput {
  OutputKey?: string;
  OutputValue?: string;
}

export type DescribeOutputs = (stack: string, region: string | undefined) => Promise<StackOutput[]>;

/** The outputs the CDK app declares for operators, by what they name. */
export const STACK_OUTPUTS = {
  queueUrl: 'ManualQueueUrl',
  callsTable: 'CallsTableName',
  lead: 'LeadStateMachineArn',
  support: 'SupportStateMachineArn',
  'high-value': 'HighValueStateMachineArn',
} as const;

const WORKFLOWS = ['lead', 'support', 'high-value'] as const;

export class TargetError extends Error {
  override name = 'TargetError';
}

export async function awsTarget(
  options: TargetOptions,
  dependencies: TargetDependencies,
): Promise<QueueTarget> {
  const env = dependencies.env ?? process.env;
  const fromStack = options.stack
    ? await stackOutputs(options.stack, options.region, dependencies.describeOutputs)
    : {};
  const queueUrl = options.queueUrl ?? fromStack[STACK_OUTPUTS.queueUrl];
  const callsTable = options.callsTable ?? fromStack[STACK_OUTPUTS.callsTable];
  const stateMachines: Record<string, string> = {};
  for (const workflow of WORKFLOWS) {
    const arn = fromStack[STACK_OUTPUTS[workflow]];
    if (arn) stateMachines[workflow] = arn;
  }
  Object.assign(stateMachines, options.stateMachines);

  if (options.stack) {
    const missing = [
      ...(queueUrl ? [] : [STACK_OUTPUTS.queueUrl]),
      ...(callsTable ? [] : [STACK_OUTPUTS.callsTable]),
      ...WORKFLOWS.filter((workflow) => !stateMachines[workflow]).map((w) => STACK_OUTPUTS[w]),
    ];
    if (missing.length > 0) {
      throw new TargetError(
        `Stack ${options.stack} has no output ${missing.join(', ')}: deploy the current CDK app, ` +
          'or name the resources with --queue-url, --calls-table and --state-machine.',
      );
    }
  }
  if (!queueUrl) throw new TargetError('No queue URL: give --stack NAME or --queue-url URL.');

  const region = options.region ?? regionOfQueue(queueUrl);
  const where = options.stack
    ? `stack ${options.stack}${region ? ` in ${region}` : ''}`
    : `queue ${queueUrl}`;
  return {
    where,
    queueUrl,
    replay: callsTable
      ? {
          callsTable,
          stateMachines,
          ttlSeconds: ttlSeconds(env.IDEMPOTENCY_TTL_HOURS),
          actor: operatorActor(),
        }
      : undefined,
    // The audit trail lives in the calls table.
    environment: {
      ...(region ? { AWS_REGION: region } : {}),
      ...(callsTable ? { CALLS_TABLE: callsTable } : {}),
    },
  };
}

async function stackOutputs(
  stack: string,
  region: string | undefined,
  describe: DescribeOutputs = describeWithSdk,
): Promise<Record<string, string>> {
  let outputs: StackOutput[];
  try {
    outputs = await describe(stack, region);
  } catch (error) {
    throw new TargetError(
      `Could not read the outputs of stack ${stack}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return Object.fromEntries(
    outputs.flatMap(({ OutputKey, OutputValue }) =>
      OutputKey && OutputValue ? [[OutputKey, OutputValue]] : [],
    ),
  );
}

/** Loaded only for a deployed stack, so that local commands do not pay for the client. */
const describeWithSdk: DescribeOutputs = async (stack, region) => {
  const { CloudFormationClient, DescribeStacksCommand } = await import(
    '@aws-sdk/client-cloudformation'
  );
  const client = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stack }));
    return Stacks[0]?.Outputs ?? [];
  } finally {
    client.destroy();
  }
};

/** `https://sqs.eu-central-1.amazonaws.com/123456789012/name` is in eu-central-1. */
export function regionOfQueue(queueUrl: string): string | undefined {
  try {
    return /^sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(queueUrl).hostname)?.[1];
  } catch {
    return undefined;
  }
}

/** The call records a replay writes expire as a delivery's do (IDEMPOTENCY_TTL_HOURS). */
function ttlSeconds(hours: string | undefined): number {
  const value = Number(hours || 24);
  if (!Number.isInteger(value) || value < 1) {
    throw new TargetError(`IDEMPOTENCY_TTL_HOURS must be a whole number from 1 up, got "${hours}"`);
  }
  return value * 3600;
}
