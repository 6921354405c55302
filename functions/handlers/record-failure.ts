/** Task: a workflow that failed for good records why, so repeats and look-ups can say so. */
import { recordOutcome } from '../core/call-records';
import { logger } from '../core/logger';
import { workflowConfig } from '../core/workflow-config';

interface FailedState {
  executionId: string;
  receivedAt: number;
  workflow: string;
  failure: { Error: string; Cause?: string };
}

/** Lambda reports a task's error as JSON in `Cause`; other failures give plain text. */
function failureMessage(cause: string | undefined): string {
  try {
    const parsed = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // plain text
  }
  return cause || 'no details';
}

export const handler = async (state: FailedState) => {
  const now = Date.now();
  logger.error('Workflow failed', { executionId: state.executionId, error: state.failure.Error });
  await recordOutcome(workflowConfig().callsTable, state.executionId, {
    workflowId: `wf_${state.workflow}`,
    status: 'failed',
    results: {},
    errors: [`${state.failure.Error}: ${failureMessage(state.failure.Cause)}`],
    warnings: [],
    highlights: { failedChannels: [], workingChannels: [] },
    executionTimeMs: now - state.receivedAt,
    finishedAt: new Date(now).toISOString(),
  });
  return { recorded: true };
};
