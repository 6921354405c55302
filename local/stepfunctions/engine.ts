/**
 * The local Step Functions service: registers the ASL files, runs executions with
 * aws-local-stepfunctions, keeps their history, and settles task tokens.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { type HistoryEvent, historyEvent } from './history';
import {
  functionNameOf,
  type LambdaContextLike,
  type LocalTask,
  type TaskHandler,
  taskStates,
  UnmappedTaskError,
} from './task-map';
import { TaskTokens } from './task-tokens';
import { scaleDefinition } from './time-scale';
import { scaledWait, timestampWaits, withScaledWaits } from './timestamp-waits';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
type Definition = { States: Record<string, Record<string, unknown>>; [key: string]: unknown };

export interface RegisteredMachine {
  arn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: Definition;
  run: StateMachine;
  tasks: Record<string, LocalTask>;
}

export interface Execution {
  arn: string;
  name: string;
  machine: RegisteredMachine;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  abort(): void;
  done: Promise<void>;
}

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EngineOptions {
  region: string;
  accountId: string;
  handlers: Record<string, TaskHandler>;
  /** Multiplies waits and retry intervals; 1 runs at real time. */
  timeScale: number;
  taskTimeoutMs?: number;
}

export class LocalStepFunctions {
  readonly machines = new Map<string, RegisteredMachine>();
  readonly executions = new Map<string, Execution>();
  readonly tokens = new TaskTokens();

  constructor(private readonly options: EngineOptions) {}

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`;
  }

  register(name: string, definition: Definition, type: 'STANDARD' | 'EXPRESS'): RegisteredMachine {
    const tasks: Record<string, LocalTask> = {};
    const unmapped = [];
    for (const task of taskStates(definition)) {
      const functionName = functionNameOf(task);
      const handler = functionName ? this.options.handlers[functionName] : undefined;
      if (!handler || !functionName) unmapped.push(task);
      else tasks[task.name] = this.localTask(task.resource, functionName, handler);
    }
    if (unmapped.length > 0) throw new UnmappedTaskError(name, unmapped);
    for (const wait of timestampWaits(definition)) {
      tasks[wait.name] = scaledWait(wait, this.options.timeScale);
    }

    const arn = `arn:aws:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
    // The definition as written is validated; its time-scaled copy has fractional seconds, which
    // the validator refuses although the engine runs them.
    const validated = new StateMachine(definition as never);
    const run =
      this.options.timeScale === 1
        ? validated
        : new StateMachine(
            scaleDefinition(withScaledWaits(definition), this.options.timeScale) as never,
            {
              validationOptions: { noValidate: true },
            },
          );
    const machine: RegisteredMachine = { arn, name, type, definition, run, tasks };
    this.machines.set(arn, machine);
    return machine;
  }

  /** Calls the handler as Lambda would: a JSON copy in, a JSON copy out, the error's name kept. */
  private localTask(resource: string, functionName: string, handler: TaskHandler): LocalTask {
    const invoke = async (payload: unknown) => {
      const timeoutMs = this.options.taskTimeoutMs ?? 60_000;
      const started = Date.now();
      const context: LambdaContextLike = {
        awsRequestId: randomUUID(),
        functionName,
        getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started),
      };
      const result = await handler(JSON.parse(JSON.stringify(payload ?? null)), context);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    };
    if (resource.endsWith('.waitForTaskToken')) {
      return async (input) => {
        const params = input as { Payload?: unknown };
        const token = this.tokens.claimIn(params);
        if (!token)
          throw new ServiceError('States.Runtime', 'waitForTaskToken without $$.Task.Token');
        await invoke(params.Payload ?? input);
        return token.settled;
      };
    }
    if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
      return async (input) => ({
        StatusCode: 200,
        Payload: await invoke((input as { Payload?: unknown }).Payload ?? input),
      });
    }
    return invoke;
  }

  machine(arn: string): RegisteredMachine {
    const machine = this.machines.get(arn);
    if (!machine)
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (!execution)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  start(machineArn: string, name: string | undefined, input: string): Execution {
    const machine = this.machine(machineArn);
    const executionName = name ?? randomUUID();
    const arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    const existing = this.executions.get(arn);
    if (existing && (machine.type === 'STANDARD' || existing.status === 'RUNNING')) {
      if (existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }

    const parsedInput = JSON.parse(input || '{}');
    const startDate = new Date();
    const tokens = this.tokens;
    const context = {
      Execution: {
        Id: arn,
        Name: executionName,
        Input: parsedInput,
        StartTime: startDate.toISOString(),
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      get Task() {
        return { Token: tokens.mint(arn) };
      },
    };
    const running = machine.run.run(parsedInput, {
      overrides: { taskResourceLocalHandlers: machine.tasks as never },
      context,
    });

    const execution: Execution = {
      arn,
      name: executionName,
      machine,
      status: 'RUNNING',
      startDate,
      input,
      history: [],
      abort: () => running.abort(),
      done: Promise.resolve(),
    };
    const recordEvents = (async () => {
      for await (const event of running.eventLogs) {
        execution.history.push(historyEvent(execution.history.length + 1, event));
      }
    })().catch(() => undefined);
    execution.done = running.result
      .then(
        (output) => {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        },
        (error: Error & { cause?: { name?: string; message?: string } }) => {
          execution.status = statusOf(error);
          execution.error = error.cause?.name ?? error.name;
          execution.cause = error.cause?.message ?? error.message;
        },
      )
      .then(async () => {
        execution.stopDate = new Date();
        this.tokens.dropExecution(arn);
        await recordEvents;
      });
    this.executions.set(arn, execution);
    return execution;
  }
}

function statusOf(error: Error): ExecutionStatus {
  if (error.name === 'ExecutionTimeoutError') return 'TIMED_OUT';
  if (error.name === 'ExecutionAbortedError') return 'ABORTED';
  return 'FAILED';
}
