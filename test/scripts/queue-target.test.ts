import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualJob } from '../../functions/core/manual-queue';
import { PROJECT_ROOT } from '../../local/handlers';
import type { LocalStackInfo } from '../../local/stack-info';
import type { DescribeOutputs, StackOutput } from '../../scripts/queue/aws-target';
import { runQueueCli } from '../../scripts/queue/queue-cli';
import { resolveTarget } from '../../scripts/queue/queue-target';
import { type SqsFixture, startSqsFixture } from '../helpers/local-sqs';
import { capturedIo } from './queue-fixtures';

const ACCOUNT = '123456789012';
const QUEUE_URL = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/voice-prod-manual-processing`;
const machine = (name: string) =>
  `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:voice-prod-${name}`;

const OUTPUTS: StackOutput[] = [
  { OutputKey: 'ApiUrl', OutputValue: 'https://api.example/prod/' },
  { OutputKey: 'ManualQueueUrl', OutputValue: QUEUE_URL },
  { OutputKey: 'CallsTableName', OutputValue: 'voice-prod-calls' },
  { OutputKey: 'LeadStateMachineArn', OutputValue: machine('lead') },
  { OutputKey: 'SupportStateMachineArn', OutputValue: machine('support') },
  { OutputKey: 'HighValueStateMachineArn', OutputValue: machine('high-value') },
];

/** CloudFormation's DescribeStacks as a stand-in: records what it was asked. */
function describing(outputs: StackOutput[] | Error) {
  const asked: Array<[string, string | undefined]> = [];
  const describe: DescribeOutputs = async (stack, region) => {
    asked.push([stack, region]);
    if (outputs instanceof Error) throw outputs;
    return outputs;
  };
  return { describe, asked };
}

const folders: string[] = [];
/** Stands in for the deployed queue: the client is pointed here, whatever host a URL names. */
let sqs: SqsFixture;
beforeAll(async () => {
  sqs = await startSqsFixture();
});
afterAll(async () => {
  await sqs.stop();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('a deployed stack as the target', () => {
  it('takes the queue, the calls table and the state machines from the outputs', async () => {
    const cloudFormation = describing(OUTPUTS);

    const target = await resolveTarget(
      { stack: 'voice-prod', region: 'eu-west-1' },
      { projectRoot: PROJECT_ROOT, describeOutputs: cloudFormation.describe, env: {} },
    );

    expect(cloudFormation.asked).toEqual([['voice-prod', 'eu-west-1']]);
    expect(target).toEqual({
      where: 'stack voice-prod in eu-west-1',
      queueUrl: QUEUE_URL,
      replay: {
        callsTable: 'voice-prod-calls',
        stateMachines: {
          lead: machine('lead'),
          support: machine('support'),
          'high-value': machine('high-value'),
        },
        ttlSeconds: 86_400,
        actor: expect.stringMatching(/^operator:/),
      },
      // The audit trail of replays and discards lives in the calls table.
      environment: { AWS_REGION: 'eu-west-1', CALLS_TABLE: 'voice-prod-calls' },
    });
  });

  it('names the outputs a stack lacks and how to do without them', async () => {
    const cloudFormation = describing(OUTPUTS.slice(0, 3));

    await expect(
      resolveTarget(
        { stack: 'voice-old' },
        { projectRoot: PROJECT_ROOT, describeOutputs: cloudFormation.describe, env: {} },
      ),
    ).rejects.toThrow(
      'Stack voice-old has no output LeadStateMachineArn, SupportStateMachineArn, ' +
        'HighValueStateMachineArn: deploy the current CDK app, or name the resources with ' +
        '--queue-url, --calls-table and --state-machine.',
    );
  });

  it('says which stack it could not read, and why', async () => {
    const cloudFormation = describing(new Error('Stack with id voice-typo does not exist'));

    const captured = capturedIo();
    const code = await runQueueCli(['list', '--stack', 'voice-typo'], {
      projectRoot: PROJECT_ROOT,
      describeOutputs: cloudFormation.describe,
      sqsClient: sqs.client,
      env: {},
      io: captured.io,
    });

    expect(code).toBe(1);
    expect(captured.err()).toBe(
      'Could not read the outputs of stack voice-typo: Stack with id voice-typo does not exist\n',
    );
  });

  it('lets options given outright take the place of outputs', async () => {
    const target = await resolveTarget(
      { stack: 'voice-prod', callsTable: 'calls-copy', stateMachines: { lead: 'arn:lead-v2' } },
      { projectRoot: PROJECT_ROOT, describeOutputs: describing(OUTPUTS).describe, env: {} },
    );

    expect(target.replay?.callsTable).toBe('calls-copy');
    expect(target.replay?.stateMachines.lead).toBe('arn:lead-v2');
    expect(target.replay?.stateMachines.support).toBe(machine('support'));
  });

  it('works from a queue URL alone, in the region the URL names', async () => {
    const target = await resolveTarget(
      { queueUrl: QUEUE_URL },
      { projectRoot: PROJECT_ROOT, env: { IDEMPOTENCY_TTL_HOURS: '48' } },
    );

    expect(target).toEqual({
      where: `queue ${QUEUE_URL}`,
      queueUrl: QUEUE_URL,
      replay: undefined,
      environment: { AWS_REGION: 'eu-west-1' },
    });
  });

  it('lists the jobs of the stack it was pointed at, in its region', async () => {
    await sqs.queue('voice-prod-manual-processing');
    await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: QUEUE_URL,
        MessageBody: JSON.stringify({ ...sampleJob(), jobId: 'job_in_aws' }),
      }),
    );
    const env: NodeJS.ProcessEnv = {};
    const captured = capturedIo();

    const code = await runQueueCli(['list', '--stack', 'voice-prod'], {
      projectRoot: PROJECT_ROOT,
      describeOutputs: describing(OUTPUTS).describe,
      sqsClient: sqs.client,
      browser: { waitSeconds: 0 },
      env,
      io: captured.io,
    });

    expect(code).toBe(0);
    expect(captured.out()).toMatch(/^job_in_aws +failed-run +lead /m);
    expect(env).toEqual({ AWS_REGION: 'eu-west-1', CALLS_TABLE: 'voice-prod-calls' });
  });

  it('refuses to replay without a calls table and state machines', async () => {
    const captured = capturedIo();

    const code = await runQueueCli(['replay', '--all', '--queue-url', QUEUE_URL], {
      projectRoot: PROJECT_ROOT,
      sqsClient: sqs.client,
      env: {},
      io: captured.io,
    });

    expect(code).toBe(2);
    expect(captured.err()).toContain(
      'replay needs the calls table and the state machines: give --stack NAME, or --calls-table T',
    );
  });
});

describe('the local stack as the target', () => {
  it('points the SDK at the endpoints in stack.json and keeps real credentials away', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'queue-target-'));
    folders.push(dataDir);
    const info: LocalStackInfo = {
      region: 'eu-central-1',
      endpoints: {
        api: 'http://127.0.0.1:3000',
        dynamodb: 'http://127.0.0.1:3009',
        sqs: 'http://localhost:3007',
        stepFunctions: 'http://127.0.0.1:3006',
      },
      manualQueueUrl: 'http://localhost:3007/queues/manual-processing',
      callsTable: 'calls',
      stateMachines: {
        lead: 'arn:aws:states:eu-central-1:000000000000:stateMachine:lead-workflow',
      },
      callTtlSeconds: 3600,
      pid: 1,
      startedAt: '2026-03-02T09:00:00.000Z',
    };
    await writeFile(join(dataDir, 'stack.json'), JSON.stringify(info));

    const target = await resolveTarget({ dataDir }, { projectRoot: PROJECT_ROOT });

    expect(target.queueUrl).toBe(info.manualQueueUrl);
    expect(target.replay).toEqual({
      callsTable: 'calls',
      stateMachines: info.stateMachines,
      ttlSeconds: 3600,
      actor: expect.stringMatching(/^operator:/),
    });
    expect(target.environment).toEqual({
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:3009',
      AWS_ENDPOINT_URL_SQS: 'http://localhost:3007',
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:3006',
      CALLS_TABLE: 'calls',
    });
  });

  it('says where it looked and how to start one when there is no stack.json', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'queue-target-'));
    folders.push(dataDir);

    await expect(resolveTarget({ dataDir }, { projectRoot: PROJECT_ROOT })).rejects.toThrow(
      `no local stack found at ${join(dataDir, 'stack.json')}; start it with npm start ` +
        '(pass --data-dir DIR for one started with --data-dir), or pass --stack NAME for AWS',
    );
  });
});

function sampleJob(): ManualJob {
  return {
    jobId: 'job_sample',
    kind: 'failed-run',
    workflow: 'lead',
    executionId: 'exec_sample',
    run: 'exec_sample',
    reason: 'The lead workflow stopped at a step it cannot do without.',
    failedSteps: [],
    queuedAt: '2026-03-02T09:00:00.000Z',
    adminNotified: [],
    input: {},
  };
}
