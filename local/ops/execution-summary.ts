/** One execution of the local engine as a row of the executions list, and where its page is. */
import { workflowOfMachine } from '../../functions/core/ended-runs';
import type { Execution, ExecutionStatus, LocalStepFunctions } from '../stepfunctions/engine';

export interface ExecutionSummary {
  /** The workflow it runs: lead, support, high-value, sla-watch. */
  flow: string;
  machineName: string;
  /** The execution name: the call's execution id, or a replay's or hand-over's run name. */
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** So far, for a running execution. */
  durationMs: number;
  /** The call it belongs to: the `executionId` of its input. */
  executionId?: string;
  href: string;
}

export function summarize(execution: Execution, now = Date.now()): ExecutionSummary {
  const stop = execution.stopDate?.getTime() ?? now;
  const executionId = callOf(execution.input);
  return {
    flow: flowOf(execution),
    machineName: execution.machine.name,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate,
    ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
    durationMs: Math.max(0, stop - execution.startDate.getTime()),
    ...(executionId ? { executionId } : {}),
    href: executionHref(execution.machine.name, execution.name),
  };
}

export function flowOf(execution: Pick<Execution, 'machine'>): string {
  return workflowOfMachine(execution.machine.arn) ?? execution.machine.name;
}

export function executionHref(machineName: string, name: string): string {
  return `/executions/${encodeURIComponent(machineName)}/${encodeURIComponent(name)}`;
}

/** The execution a page address names, if the engine still keeps it. */
export function findExecution(
  engine: LocalStepFunctions,
  machineName: string,
  name: string,
): Execution | undefined {
  for (const machine of engine.machines.values()) {
    if (machine.name !== machineName) continue;
    const arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    return engine.executions.get(arn);
  }
  return undefined;
}

/** Newest first. */
export function newestFirst(engine: LocalStepFunctions): Execution[] {
  return [...engine.executions.values()].sort(
    (a, b) => b.startDate.getTime() - a.startDate.getTime(),
  );
}

function callOf(input: string): string | undefined {
  try {
    const parsed = JSON.parse(input) as { executionId?: unknown };
    return typeof parsed.executionId === 'string' ? parsed.executionId : undefined;
  } catch {
    return undefined;
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatTime(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}
