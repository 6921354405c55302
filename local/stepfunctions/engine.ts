/**
 * The local Step Functions service: registers the ASL files, runs executions with
 * aws-local-stepfunctions, keeps their history, and settles task tokens.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { type HistoryEvent, historyEvent } from './history';
import { LOCAL_TIMEOUT_FIELD, localDefinition } from './local-definition';
import {
  functionNameOf,
  type LambdaContextLike,
  type LocalTask,
  type TaskHandler,
  taskStates,
  UnmappedTaskError,
} from './task-map';
import { withTimeout } from './task-timeout';
import { TaskTokens } from './task-tokens';
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
  /**
   * As StopExecution, with its optional error and cause: reported to `onExecutionEnded` like
   * any execution that ended badly.
   */
  abort(stop?: { error?: string; cause?: string }): void;
  /** Stops it without reporting it: the local stack shutting down, a test clearing up. */
  discard(): void;
  discarded?: boolean;
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
  /** How many executions are kept for DescribeExecution and their history; 2000 by default. */
  keptExecutions?: number;
  /**
   * Told of every Standard execution that ended FAILED, TIMED_OUT or ABORTED, as EventBridge
   * tells of them in AWS (Express executions send no such events there, nor here).
   */
  onExecutionEnded?: (execution: Execution) => void;
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
    // The definition as written is validated; the copy the engine runs has fractional seconds
    // and helper fields, which the validator would refuse although the engine runs them.
    new StateMachine(definition as never);
    const local = localDefinition(withScaledWaits(definition), this.options.timeScale);
    const run = new StateMachine(local as never, {
      validationOptions: { noValidate: true },
    });
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
    const run = async (input: unknown): Promise<unknown> => {
      if (resource.endsWith('.waitForTaskToken')) {
        const params = input as { Payload?: unknown };
        const token = this.tokens.claimIn(params);
        if (!token)
          throw new ServiceError('States.Runtime', 'waitForTaskToken without $$.Task.Token');
        await invoke(params.Payload ?? input);
        return token.settled;
      }
      if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
        const payload = await invoke((input as { Payload?: unknown }).Payload ?? input);
        return { StatusCode: 200, Payload: payload };
      }
      return invoke(input);
    };
    return async (input) => {
      const { [LOCAL_TIMEOUT_FIELD]: timeoutSeconds, ...rest } = (input ?? {}) as Record<
        string,
        unknown
      >;
      if (typeof timeoutSeconds !== 'number') return run(input);
      return withTimeout(run(rest), timeoutSeconds * 1000);
    };
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

  /**
   * Keeps the newest finished executions only, so that a long-running local stack does not grow
   * without bound (Express executions are not kept by AWS at all).
   */
  private forgetOldExecutions(): void {
    let excess = this.executions.size - (this.options.keptExecutions ?? 2000);
    for (const [arn, execution] of this.executions) {
      if (excess <= 0) return;
      if (execution.status === 'RUNNING') continue;
      this.executions.delete(arn);
      excess -= 1;
    }
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
      // The engine copies the context object once per run, so the getter sits one level down:
      // each read of $$.Task.Token mints a new token, as each callback task gets its own.
      Task: {
        get Token() {
          return tokens.mint(arn);
        },
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
      abort: (stop) => {
        stopReason = stop;
        running.abort();
      },
      discard: () => {
        execution.discarded = true;
        running.abort();
      },
      done: Promise.resolve(),
    };
    let stopReason: { error?: string; cause?: string } | undefined;
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
          execution.error = stopReason?.error ?? error.cause?.name ?? error.name;
          execution.cause = stopReason?.cause ?? error.cause?.message ?? error.message;
        },
      )
      .then(async () => {
        execution.stopDate = new Date();
        this.tokens.dropExecution(arn);
        await recordEvents;
        this.forgetOldExecutions();
        if (
          machine.type === 'STANDARD' &&
          execution.status !== 'SUCCEEDED' &&
          !execution.discarded
        ) {
          this.options.onExecutionEnded?.(execution);
        }
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
