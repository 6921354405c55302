/**
 * Runs that ended outside the reach of their own catchers: a Standard execution that failed,
 * timed out or was stopped (reported by EventBridge), and a call whose run never recorded an
 * outcome (an Express run that timed out, an intake that died). Both go to the manual queue.
 */
import { ANSWERING_WORKFLOWS, STATE_MACHINES } from '../catalog';
import {
  ABANDONED_AFTER_SECONDS,
  claimStalledCall,
  latestRunName,
  recordOutcome,
  stalledCalls,
} from './call-records';
import { handOver } from './hand-over';
import { logger } from './logger';
import { handedOverOutcome } from './outcome';

/** Which workflow a state machine runs, from its name (`voice-automation-prod-lead`, `lead-workflow`). */
export function workflowOfMachine(stateMachineArn: string): string | undefined {
  const name = stateMachineArn.split(':').at(-1) ?? '';
  return Object.keys(STATE_MACHINES)
    .sort((a, b) => b.length - a.length)
    .find((key) => name === key || name.endsWith(`-${key}`) || name.startsWith(`${key}-`));
}

export interface EndedExecution {
  stateMachineArn: string;
  /** The execution name: the run. */
  name: string;
  status: string;
  input: { executionId?: string; receivedAt?: number } & Record<string, unknown>;
  error?: string | null;
  cause?: string | null;
}

/** The error a data-protection erasure stops a person's runs with: nothing to hand over. */
export const ERASURE_STOP_ERROR = 'PersonalDataErased';

export async function handOverEndedExecution(
  ended: EndedExecution,
  callsTable: string,
): Promise<string | undefined> {
  if (ended.error === ERASURE_STOP_ERROR) return undefined;
  const workflow = workflowOfMachine(ended.stateMachineArn);
  const { executionId, receivedAt } = ended.input;
  if (!workflow || !executionId) {
    logger.error('Ended execution cannot be handed over', { name: ended.name, workflow });
    return undefined;
  }
  const job = await handOver({
    kind: 'execution-ended',
    workflow,
    executionId,
    run: ended.name,
    reason: `The ${workflow} run ended ${ended.status.toLowerCase().replace('_', ' ')} before it finished.`,
    ...(ended.error ? { error: `${ended.error}${ended.cause ? `: ${ended.cause}` : ''}` } : {}),
    ...(receivedAt ? { receivedAt } : {}),
    input: ended.input,
  });
  if (ANSWERING_WORKFLOWS.has(workflow)) {
    await recordOutcome(callsTable, executionId, handedOverOutcome(job, receivedAt));
  }
  return job.jobId;
}

/**
 * Hands over every call without an outcome past the abandonment age; a call that another run
 * finished or took over meanwhile is left alone. Answers the jobs queued.
 */
export async function sweepStalledCalls(
  callsTable: string,
  olderThanSeconds = ABANDONED_AFTER_SECONDS,
): Promise<string[]> {
  const stalled = await stalledCalls(callsTable, olderThanSeconds * 1000);
  const jobs: string[] = [];
  for (const call of stalled) {
    if (!(await claimStalledCall(callsTable, call))) continue;
    const job = await handOver({
      kind: 'execution-ended',
      workflow: call.flow,
      executionId: call.executionId,
      run: latestRunName(call),
      reason: `The ${call.flow} run recorded no outcome within ${olderThanSeconds} s: it timed out, was stopped or crashed.`,
      receivedAt: call.receivedAt,
      input: call.input ?? null,
    });
    const recorded = await recordOutcome(
      callsTable,
      call.executionId,
      handedOverOutcome(job, call.receivedAt),
      call.receivedAt,
    );
    if (recorded) jobs.push(job.jobId);
  }
  return jobs;
}
