/**
 * The executions the local engine keeps, newest first, each with its call's answer from the call
 * record, filtered by flow and by status (the run's, or the call's answer).
 */
import { ANSWERING_WORKFLOWS } from '../../functions/catalog';
import { readCall } from '../../functions/core/call-records';
import { OUTCOME_STATUSES, type OutcomeStatus } from '../../functions/core/outcome';
import { workflowConfig } from '../../functions/core/workflow-config';
import type { ExecutionStatus, LocalStepFunctions } from '../stepfunctions/engine';
import { type ExecutionSummary, flowOf, newestFirst, summarize } from './execution-summary';

export const RUN_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
];

export interface ExecutionFilter {
  flow?: string;
  /** `run:FAILED` (the execution's status) or `answer:partial` (the call's answer). */
  status?: string;
}

export interface ExecutionRow extends ExecutionSummary {
  /** The call's answer as its record has it now; absent for runs that answer no call. */
  answer?: OutcomeStatus;
}

export interface ExecutionListing {
  rows: ExecutionRow[];
  /** How many matched, of which `rows` are the newest. */
  matched: number;
  flows: string[];
}

const SHOWN = 200;
/** Call records read at once: the local DynamoDB answers in-process, a few at a time is plenty. */
const READS_AT_ONCE = 8;

export async function listExecutions(
  engine: LocalStepFunctions,
  filter: ExecutionFilter,
): Promise<ExecutionListing> {
  const flows = [...new Set([...engine.machines.values()].map((machine) => flowOf({ machine })))];
  const [scope, wanted] = (filter.status ?? '').split(':');
  const candidates = newestFirst(engine)
    .filter((execution) => !filter.flow || flowOf(execution) === filter.flow)
    .filter((execution) => scope !== 'run' || execution.status === wanted)
    .map((execution) => summarize(execution));

  // A watcher (the SLA watch) belongs to a call but does not answer it.
  const answers = await callAnswers(
    candidates.map((row) => (ANSWERING_WORKFLOWS.has(row.flow) ? row.executionId : undefined)),
  );
  const rows: ExecutionRow[] = candidates
    .map((row, index): ExecutionRow => {
      const answer = answers[index];
      return answer ? { ...row, answer } : row;
    })
    .filter((row) => scope !== 'answer' || row.answer === wanted);
  return { rows: rows.slice(0, SHOWN), matched: rows.length, flows: flows.sort() };
}

export function isStatusFilter(value: string): boolean {
  const [scope, wanted] = value.split(':');
  if (scope === 'run') return RUN_STATUSES.includes(wanted as ExecutionStatus);
  if (scope === 'answer') return OUTCOME_STATUSES.includes(wanted as OutcomeStatus);
  return false;
}

/** Each call's answer, in the order asked; one read per distinct call. */
async function callAnswers(
  executionIds: Array<string | undefined>,
): Promise<Array<OutcomeStatus | undefined>> {
  const table = workflowConfig().callsTable;
  const distinct = [...new Set(executionIds.filter((id): id is string => Boolean(id)))];
  const found = new Map<string, OutcomeStatus | undefined>();
  for (let start = 0; start < distinct.length; start += READS_AT_ONCE) {
    const slice = distinct.slice(start, start + READS_AT_ONCE);
    const records = await Promise.all(
      slice.map((id) => readCall(table, id).catch(() => undefined)),
    );
    slice.forEach((id, index) => {
      found.set(id, records[index]?.outcome?.status);
    });
  }
  return executionIds.map((id) => (id ? found.get(id) : undefined));
}
