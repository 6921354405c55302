/**
 * The Step Functions API (AWS JSON 1.0 protocol) in front of the local engine, so that the
 * handlers reach it with the ordinary SDK client and an endpoint setting.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Execution, type LocalStepFunctions, ServiceError } from './engine';

type Body = Record<string, unknown>;
const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function describe(execution: Execution) {
  return {
    executionArn: execution.arn,
    stateMachineArn: execution.machine.arn,
    name: execution.name,
    status: execution.status,
    startDate: seconds(execution.startDate),
    stopDate: seconds(execution.stopDate),
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
  };
}

const text = (body: Body, key: string) =>
  typeof body[key] === 'string' ? (body[key] as string) : undefined;

function required(body: Body, key: string): string {
  const value = text(body, key);
  if (!value) throw new ServiceError('ValidationException', `${key} is required`);
  return value;
}

async function dispatch(engine: LocalStepFunctions, action: string, body: Body): Promise<unknown> {
  switch (action) {
    case 'StartExecution': {
      const machine = engine.machine(required(body, 'stateMachineArn'));
      const execution = engine.start(machine.arn, text(body, 'name'), text(body, 'input') ?? '{}');
      return { executionArn: execution.arn, startDate: seconds(execution.startDate) };
    }
    case 'StartSyncExecution': {
      const machine = engine.machine(required(body, 'stateMachineArn'));
      if (machine.type !== 'EXPRESS') {
        throw new ServiceError(
          'StateMachineTypeNotSupported',
          'StartSyncExecution needs an EXPRESS state machine',
        );
      }
      const execution = engine.start(machine.arn, text(body, 'name'), text(body, 'input') ?? '{}');
      await execution.done;
      const { input, ...rest } = describe(execution);
      return { ...rest, input };
    }
    case 'DescribeExecution':
      return describe(engine.execution(required(body, 'executionArn')));
    case 'GetExecutionHistory': {
      const execution = engine.execution(required(body, 'executionArn'));
      const events = execution.history.map((event) => ({
        ...event,
        timestamp: seconds(event.timestamp),
      }));
      return { events: body.reverseOrder ? events.reverse() : events };
    }
    case 'StopExecution': {
      const execution = engine.execution(required(body, 'executionArn'));
      if (execution.status === 'RUNNING') {
        execution.abort({
          ...(text(body, 'error') ? { error: text(body, 'error') } : {}),
          ...(text(body, 'cause') ? { cause: text(body, 'cause') } : {}),
        });
      }
      await execution.done;
      return { stopDate: seconds(execution.stopDate) };
    }
    case 'ListExecutions': {
      const arn = required(body, 'stateMachineArn');
      const executions = [...engine.executions.values()]
        .filter((execution) => execution.machine.arn === arn)
        .filter((execution) => !body.statusFilter || execution.status === body.statusFilter)
        .map((execution) => ({
          executionArn: execution.arn,
          stateMachineArn: arn,
          name: execution.name,
          status: execution.status,
          startDate: seconds(execution.startDate),
          stopDate: seconds(execution.stopDate),
        }));
      return { executions };
    }
    case 'ListStateMachines':
      return {
        stateMachines: [...engine.machines.values()].map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
          creationDate: 0,
        })),
      };
    case 'SendTaskSuccess':
    case 'SendTaskFailure':
    case 'SendTaskHeartbeat': {
      const token = required(body, 'taskToken');
      if (!engine.tokens.has(token))
        throw new ServiceError('TaskTimedOut', 'Task Timed Out or does not exist');
      if (action === 'SendTaskSuccess') {
        engine.tokens.settle(token, { output: JSON.parse(required(body, 'output')) });
      } else if (action === 'SendTaskFailure') {
        engine.tokens.settle(token, {
          error: text(body, 'error') ?? 'States.TaskFailed',
          cause: text(body, 'cause') ?? '',
        });
      }
      return {};
    }
    default:
      throw new ServiceError(
        'UnknownOperationException',
        `The local stack does not serve ${action}`,
      );
  }
}

export function stepFunctionsHandler(engine: LocalStepFunctions) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const action = target.replace(/^AWSStepFunctions\./, '');
    const reply = (status: number, payload: unknown, errorType?: string) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body;
      reply(200, await dispatch(engine, action, body));
    } catch (error) {
      const code = error instanceof ServiceError ? error.code : 'InternalFailure';
      const message = error instanceof Error ? error.message : String(error);
      reply(error instanceof ServiceError ? 400 : 500, { __type: code, message }, code);
    }
  };
}
