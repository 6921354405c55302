/**
 * Starts a workflow run and waits for it within the caller's time budget. When the budget runs
 * out first, the run goes on by itself and records its own outcome on the call record.
 */
import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../aws/step-functions';
import type { WorkflowOutcome } from '../core/outcome';

export interface WorkflowRun {
  stateMachineArn: string;
  executionId: string;
  /** The Step Functions execution name; the execution id when absent (a replay names its own). */
  name?: string;
  workflow: string;
  input: unknown;
  receivedAt: number;
  deadlineMs: number;
}

/** A run that ended without producing an outcome of its own (a failure outside its catchers). */
function failedOutcome(run: WorkflowRun, error: string | undefined): WorkflowOutcome {
  return {
    workflowId: `wf_${run.workflow}`,
    status: 'failed',
    results: {},
    errors: [error ?? 'WorkflowFailed'],
    warnings: [],
    highlights: { failedChannels: [], workingChannels: [] },
    executionTimeMs: Date.now() - run.receivedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** Resolves with the outcome, or `undefined` when the deadline came first. */
export async function runWorkflow(run: WorkflowRun): Promise<WorkflowOutcome | undefined> {
  const execution = stepFunctions()
    .send(
      new StartSyncExecutionCommand({
        stateMachineArn: run.stateMachineArn,
        name: run.name ?? run.executionId,
        input: JSON.stringify(run.input),
      }),
    )
    .then((result) =>
      result.status === 'SUCCEEDED' && result.output
        ? (JSON.parse(result.output) as WorkflowOutcome)
        : failedOutcome(run, result.error),
    );

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, run.deadlineMs - Date.now()));
  });
  try {
    return await Promise.race([execution, deadline]);
  } finally {
    clearTimeout(timer);
    execution.catch(() => undefined);
  }
}
