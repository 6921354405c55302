/**
 * Task: a workflow that failed for good hands the call to people: the admin is told, the
 * fallback runs, the job goes to the manual queue, and the call's answer says a colleague calls
 * back. When even that fails, the run fails and the call is recorded as failed.
 */
import type { Call } from '../core/call';
import { recordOutcome } from '../core/call-records';
import { handOver } from '../core/hand-over';
import { handedOverOutcome } from '../core/outcome';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';
import { leadFallback } from '../lead/lead-fallback';
import { supportFallback } from '../support/support-fallback';

interface FailedRun {
  executionId: string;
  receivedAt: number;
  workflow: 'lead' | 'support';
  call: Call;
  failure: { Error: string; Cause?: string };
  /** The Step Functions execution: its name and the input it started with. */
  run: { name: string; input: unknown };
}

/** Lambda reports a task's error as JSON in `Cause`; other failures give plain text. */
export function failureMessage(cause: string | undefined): string {
  try {
    const parsed = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // plain text
  }
  return cause || 'no details';
}

export const handler = withSecretValues(async (state: FailedRun) => {
  const { executionId, workflow, call, failure } = state;
  const fallback =
    workflow === 'lead' ? leadFallback(executionId, call) : supportFallback(executionId, call);
  const job = await handOver({
    kind: 'failed-run',
    workflow,
    executionId,
    run: state.run.name,
    reason: `The ${workflow} workflow stopped at a step it cannot do without.`,
    error: `${failure.Error}: ${failureMessage(failure.Cause)}`,
    receivedAt: state.receivedAt,
    input: state.run.input,
    fallback,
  });
  const outcome = handedOverOutcome(job, state.receivedAt);
  await recordOutcome(workflowConfig().callsTable, executionId, outcome);
  return outcome;
});
