/** Execution events of the local engine, in the shape of GetExecutionHistory's events. */
import type { StateMachine } from 'aws-local-stepfunctions';

type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

export function historyEvent(id: number, event: EventLog): HistoryEvent {
  const base = { id, timestamp: new Date(event.timestamp) };
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        ...base,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: json(event.input) },
      };
    case 'ExecutionSucceeded':
      return {
        ...base,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: json(event.output) },
      };
    case 'ExecutionFailed':
      return {
        ...base,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: String(event.Cause) },
      };
    case 'ExecutionAborted':
      return { ...base, type: 'ExecutionAborted' };
    case 'ExecutionTimeout':
      return { ...base, type: 'ExecutionTimedOut' };
    case 'StateEntered':
      return {
        ...base,
        type: `${event.state.type}StateEntered`,
        stateEnteredEventDetails: { name: event.state.name, input: json(event.state.input) },
      };
    case 'StateExited':
      return {
        ...base,
        type: `${event.state.type}StateExited`,
        stateExitedEventDetails: { name: event.state.name, output: json(event.state.output) },
      };
    case 'StateFailed':
      return {
        ...base,
        type: 'TaskFailed',
        taskFailedEventDetails: {
          resourceType: event.state.type,
          resource: event.state.name,
          error: event.Error,
          cause: String(event.Cause),
        },
      };
    case 'StateRetried':
      return {
        ...base,
        type: 'TaskRetried',
        retryEventDetails: { name: event.state.name, attempt: event.retry.attempt },
      };
    case 'StateCaught':
      return { ...base, type: 'TaskCaught', caughtEventDetails: { name: event.state.name } };
    default:
      return { ...base, type: event.type };
  }
}
