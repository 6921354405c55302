/** Task: the lead's answer, built from what the steps did and stored on the call record. */
import { recordOutcome } from '../core/call-records';
import { handOverFailedSteps, type RunRef } from '../core/hand-over';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';
import { type LeadState, leadOutcome } from '../lead/lead-outcome';

export const handler = withSecretValues(async (state: LeadState & { run?: RunRef }) => {
  const outcome = await handOverFailedSteps(leadOutcome(state), state, 'lead');
  await recordOutcome(workflowConfig().callsTable, state.executionId, outcome);
  return outcome;
});
