/** Task: the support call's answer, built from what the steps did and stored on the call record. */
import { recordOutcome } from '../core/call-records';
import { handOverFailedSteps, type RunRef } from '../core/hand-over';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';
import { type SupportState, supportOutcome } from '../support/support-outcome';

export const handler = withSecretValues(async (state: SupportState & { run?: RunRef }) => {
  const outcome = await handOverFailedSteps(supportOutcome(state), state, 'support');
  await recordOutcome(workflowConfig().callsTable, state.executionId, outcome);
  return outcome;
});
