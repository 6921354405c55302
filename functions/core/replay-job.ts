/**
 * Replays a job of the manual processing queue: the call is claimed as a delivery would claim it
 * (never while a run of it is going, never once it completed), and its workflow runs again under
 * a new execution name. Steps that completed before answer from the step ledger, so only what
 * failed is done again, and nothing twice.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../aws/step-functions';
import { ANSWERING_WORKFLOWS, STATE_MACHINES } from '../catalog';
import { runWorkflow } from '../intake/run-workflow';
import { recordAudit } from './audit-trail';
import { claimReplay, latestRunName, readCall, recordOutcome } from './call-records';
import type { ManualJob } from './manual-queue';
import { countMetric } from './metrics';
import { handedOverOutcome, type OutcomeStatus } from './outcome';

export interface ReplayTarget {
  callsTable: string;
  /** State machine ARN by workflow name (lead, support, high-value). */
  stateMachines: Record<string, string | undefined>;
  /** How long a record is kept, as for a delivery. */
  ttlSeconds: number;
  /** How long to wait for a synchronous (Express) run; 5 minutes, Express's limit, by default. */
  waitMs?: number;
  /** Who replays, for the audit trail (`operator:<name>`); `operator` when not known. */
  actor?: string;
}

export type ReplayResult =
  /** The run ended; its outcome is on the call record (a new job if it failed again). */
  | { result: 'ran'; status: OutcomeStatus; executionName: string }
  /** A long-running workflow (the manager's approval) was started again and goes on. */
  | { result: 'started'; executionName: string }
  /** Nothing to do: the call completed meanwhile. */
  | { result: 'already-completed' }
  /** A run of the call is going right now; try again when it has ended. */
  | { result: 'busy' };

/** Standard workflows wait for people or for hours; a replay starts them and does not wait. */
const LONG_RUNNING = new Set(
  Object.entries(STATE_MACHINES)
    .filter(([, machine]) => machine.type === 'STANDARD')
    .map(([workflow]) => workflow),
);

export async function replayJob(job: ManualJob, target: ReplayTarget): Promise<ReplayResult> {
  const stateMachineArn = target.stateMachines[job.workflow];
  if (!stateMachineArn) {
    throw new Error(`No state machine is configured for the ${job.workflow} workflow`);
  }
  const longRunning = LONG_RUNNING.has(job.workflow);
  if (!ANSWERING_WORKFLOWS.has(job.workflow)) {
    // A watcher (the SLA watch) is not the call's answer: it simply starts again.
    const executionName = `${job.run}-replay-${Date.now().toString(36)}`;
    await startStandard(stateMachineArn, executionName, job.input);
    countMetric('ManualJobsReplayed', { Workflow: job.workflow, Kind: job.kind });
    return { result: 'started', executionName };
  }
  if (longRunning && (await latestRunIsGoing(stateMachineArn, job.executionId, target))) {
    return { result: 'busy' };
  }
  const claim = await claimReplay(
    target.callsTable,
    {
      executionId: job.executionId,
      flow: job.workflow,
      input: job.input,
      keepOutcome: longRunning,
    },
    target.ttlSeconds,
  );
  if (!claim.claimed) {
    return claim.reason === 'completed' ? { result: 'already-completed' } : { result: 'busy' };
  }
  const executionName = latestRunName({ executionId: job.executionId, replays: claim.replay });
  countMetric('ManualJobsReplayed', { Workflow: job.workflow, Kind: job.kind });
  await recordAudit(job.executionId, {
    actor: target.actor ?? 'operator',
    action: 'job.replayed',
    detail: { jobId: job.jobId, run: executionName },
  });

  if (longRunning) {
    await startStandard(stateMachineArn, executionName, job.input);
    return { result: 'started', executionName };
  }

  const outcome = await runWorkflow({
    stateMachineArn,
    executionId: job.executionId,
    name: executionName,
    workflow: job.workflow,
    input: job.input,
    receivedAt: Date.now(),
    deadlineMs: Date.now() + (target.waitMs ?? 300_000),
  }).catch(async (error: unknown) => {
    // Not started: the call is with a person again, as it was before the replay.
    await recordOutcome(target.callsTable, job.executionId, handedOverOutcome(job, job.receivedAt));
    throw error;
  });
  // The run records its own outcome; one that died outside its catchers has not.
  const stored = (await readCall(target.callsTable, job.executionId))?.outcome;
  if (stored) return { result: 'ran', status: stored.status, executionName };
  if (outcome) await recordOutcome(target.callsTable, job.executionId, outcome);
  return { result: 'ran', status: outcome?.status ?? 'accepted', executionName };
}

/** Whether the call's latest run of a long-running workflow is still going (then: busy). */
async function latestRunIsGoing(
  stateMachineArn: string,
  executionId: string,
  target: ReplayTarget,
): Promise<boolean> {
  const call = await readCall(target.callsTable, executionId);
  const name = latestRunName({ executionId, replays: call?.replays });
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  try {
    const { status } = await stepFunctions().send(new DescribeExecutionCommand({ executionArn }));
    return status === 'RUNNING';
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
}

async function startStandard(stateMachineArn: string, name: string, input: unknown) {
  await stepFunctions().send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
  );
}
