/**
 * An execution's steps read from its history (GetExecutionHistory's event shapes): each state it
 * entered, in order, with every visit's input, output, retries, errors and how it ended.
 */
import type { Execution } from '../stepfunctions/engine';
import type { HistoryEvent } from '../stepfunctions/history';

export type VisitOutcome = 'succeeded' | 'caught' | 'failed' | 'running' | 'stopped';

export interface StepVisit {
  enteredAt: Date;
  exitedAt?: Date;
  input?: string;
  output?: string;
  retries: number;
  errors: Array<{ error: string; cause: string }>;
  caught: boolean;
  outcome: VisitOutcome;
}

export interface StepTrace {
  name: string;
  type: string;
  visits: StepVisit[];
}

export interface ExecutionTrace {
  steps: StepTrace[];
  ended: boolean;
  failed: boolean;
}

type Details = Record<string, string | number | undefined>;

export function executionTrace(execution: Pick<Execution, 'history' | 'status'>): ExecutionTrace {
  const steps = new Map<string, StepTrace>();
  /** A visit still open, by state name: the earliest one is the one an event belongs to. */
  const open = (name: string) => steps.get(name)?.visits.find((visit) => !visit.exitedAt);

  for (const event of execution.history) {
    const entered = details(event, 'stateEnteredEventDetails');
    if (entered && event.type.endsWith('StateEntered')) {
      const name = String(entered.name);
      const step = steps.get(name) ?? {
        name,
        type: event.type.replace(/StateEntered$/, ''),
        visits: [],
      };
      steps.set(name, step);
      step.visits.push({
        enteredAt: event.timestamp,
        ...(entered.input === undefined ? {} : { input: String(entered.input) }),
        retries: 0,
        errors: [],
        caught: false,
        outcome: 'running',
      });
      continue;
    }
    const exited = details(event, 'stateExitedEventDetails');
    if (exited) {
      const visit = open(String(exited.name));
      if (!visit) continue;
      visit.exitedAt = event.timestamp;
      if (exited.output !== undefined) visit.output = String(exited.output);
      visit.outcome = visit.caught ? 'caught' : 'succeeded';
      continue;
    }
    const failed = details(event, 'taskFailedEventDetails');
    if (failed) {
      open(String(failed.resource))?.errors.push({
        error: String(failed.error ?? 'Error'),
        cause: String(failed.cause ?? ''),
      });
      continue;
    }
    const retried = details(event, 'retryEventDetails');
    if (retried) {
      const visit = open(String(retried.name));
      if (visit) visit.retries += 1;
      continue;
    }
    const caught = details(event, 'caughtEventDetails');
    if (caught) {
      const visit = open(String(caught.name));
      if (visit) visit.caught = true;
    }
  }

  const ended = execution.status !== 'RUNNING';
  for (const step of steps.values()) {
    for (const visit of step.visits) {
      if (visit.exitedAt) {
        if (step.type === 'Fail') visit.outcome = 'failed';
        continue;
      }
      if (visit.caught) visit.outcome = 'caught';
      else if (visit.errors.length > 0 || step.type === 'Fail')
        visit.outcome = ended ? 'failed' : 'running';
      else visit.outcome = ended ? 'stopped' : 'running';
    }
  }
  return { steps: [...steps.values()], ended, failed: ended && execution.status !== 'SUCCEEDED' };
}

function details(event: HistoryEvent, key: string): Details | undefined {
  const value = event[key];
  return typeof value === 'object' && value !== null ? (value as Details) : undefined;
}
