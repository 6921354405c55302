/** Task: the high-value call's final answer, stored on the call record the caller's id names. */
import { type HighValueState, highValueOutcome } from '../approval/high-value-outcome';
import { recordOutcome } from '../core/call-records';
import { handOverFailedSteps, type RunRef } from '../core/hand-over';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';

export const handler = withSecretValues(async (state: HighValueState & { run?: RunRef }) => {
  const outcome = await handOverFailedSteps(highValueOutcome(state), state, 'high-value');
  await recordOutcome(workflowConfig().callsTable, state.executionId, outcome);
  return outcome;
});
