import type { Server } from 'node:http';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../local/stack';
import { listenOnLoopback } from '../../local/api-gateway';
import { LocalStepFunctions } from '../../local/stepfunctions/engine';
import { stepFunctionsHandler } from '../../local/stepfunctions/server';
import { eventually } from '../helpers/calls';

class FlakyError extends Error {
  override name = 'ServiceUnavailableError';
}

let attempts = 0;
const waiting: string[] = [];
const engine = new LocalStepFunctions({
  region: 'eu-central-1',
  accountId: '000000000000',
  timeScale: 0.001,
  handlers: {
    Double: (event) => ({ value: (event as { value: number }).value * 2 }),
    Flaky: () => {
      attempts += 1;
      if (attempts < 3) throw new FlakyError('down');
      return { attempts };
    },
    AskApprover: (event) => {
      waiting.push((event as { token: string }).token);
      return {};
    },
  },
});
const arn = (name: string) => engine.functionArn(name);

const doubler = engine.register(
  'doubler',
  { StartAt: 'Double', States: { Double: { Type: 'Task', Resource: arn('Double'), End: true } } },
  'EXPRESS',
);
const flaky = engine.register(
  'flaky',
  {
    StartAt: 'CallFlaky',
    States: {
      CallFlaky: {
        Type: 'Task',
        Resource: arn('Flaky'),
        Retry: [
          {
            ErrorEquals: ['ServiceUnavailableError'],
            IntervalSeconds: 2,
            MaxAttempts: 3,
            BackoffRate: 2,
          },
        ],
        End: true,
      },
    },
  },
  'EXPRESS',
);
const approval = engine.register(
  'approval',
  {
    StartAt: 'WaitForApproval',
    States: {
      WaitForApproval: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: arn('AskApprover'), Payload: { 'token.$': '$$.Task.Token' } },
        Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.rejection', Next: 'Declined' }],
        End: true,
      },
      Declined: { Type: 'Pass', Result: 'declined', End: true },
    },
  },
  'STANDARD',
);

let server: Server;
let client: SFNClient;

beforeAll(async () => {
  const listening = await listenOnLoopback(stepFunctionsHandler(engine));
  server = listening.server;
  client = new SFNClient({
    endpoint: listening.url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    disableHostPrefix: true,
  });
});
afterAll(() => {
  client.destroy();
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the local Step Functions endpoint', () => {
  it('refuses a definition with a Task it cannot map to a local handler', () => {
    const definition = {
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'CallNowhere',
              States: { CallNowhere: { Type: 'Task', Resource: arn('Nowhere'), End: true } },
            },
          ],
          End: true,
        },
      },
    };
    expect(() => engine.register('broken', definition, 'EXPRESS')).toThrow(
      /CallNowhere \(arn:aws:lambda:.*:function:Nowhere\)/,
    );
  });

  it('runs a synchronous execution and answers its output', async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: doubler.arn, input: '{"value":21}' }),
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '')).toEqual({ value: 42 });
  });

  it('retries a task by its error name and records the retries in the history', async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: flaky.arn, name: 'flaky-1' }),
    );
    expect(JSON.parse(result.output ?? '')).toEqual({ attempts: 3 });

    const history = await client.send(
      new GetExecutionHistoryCommand({ executionArn: result.executionArn }),
    );
    const types = history.events?.map((event) => event.type);
    expect(types?.[0]).toBe('ExecutionStarted');
    expect(types?.filter((type) => type === ('TaskRetried' as never))).toHaveLength(2);
    expect(types?.at(-1)).toBe('ExecutionSucceeded');
  });

  it('refuses a synchronous start of a STANDARD machine, as AWS does', async () => {
    await expect(
      client.send(new StartSyncExecutionCommand({ stateMachineArn: approval.arn })),
    ).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });

  it('holds a callback task until SendTaskSuccess, and routes SendTaskFailure by error name', async () => {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: approval.arn, name: 'approve-1', input: '{}' }),
    );
    const token = await eventually(async () => waiting.shift());
    const running = await client.send(
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(running.status).toBe('RUNNING');

    await client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }),
    );
    const done = await eventually(async () => {
      const described = await client.send(
        new DescribeExecutionCommand({ executionArn: started.executionArn }),
      );
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ approved: true });

    const second = await client.send(
      new StartExecutionCommand({ stateMachineArn: approval.arn, name: 'reject-1', input: '{}' }),
    );
    const secondToken = await eventually(async () => waiting.shift());
    await client.send(
      new SendTaskFailureCommand({ taskToken: secondToken, error: 'Rejected', cause: 'no budget' }),
    );
    const declined = await eventually(async () => {
      const described = await client.send(
        new DescribeExecutionCommand({ executionArn: second.executionArn }),
      );
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(JSON.parse(declined.output ?? '')).toBe('declined');

    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: secondToken, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('stops a running execution', async () => {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: approval.arn, name: 'stop-1', input: '{}' }),
    );
    await eventually(async () => waiting.shift());
    await client.send(new StopExecutionCommand({ executionArn: started.executionArn }));
    const described = await client.send(
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(described.status).toBe('ABORTED');
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `${doubler.arn.replace(':stateMachine:', ':execution:')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('keeps only the newest finished executions, so a long-running stack does not grow', async () => {
    const small = new LocalStepFunctions({
      region: 'eu-central-1',
      accountId: '000000000000',
      timeScale: 1,
      keptExecutions: 3,
      handlers: { Double: (event) => ({ value: (event as { value: number }).value * 2 }) },
    });
    const machine = small.register(
      'small',
      {
        StartAt: 'Double',
        States: { Double: { Type: 'Task', Resource: small.functionArn('Double'), End: true } },
      },
      'EXPRESS',
    );

    for (let value = 1; value <= 5; value += 1) {
      await small.start(machine.arn, `run-${value}`, JSON.stringify({ value })).done;
    }

    expect([...small.executions.values()].map((execution) => execution.name)).toEqual([
      'run-3',
      'run-4',
      'run-5',
    ]);
  });
});
