/** Task: the high-value call's final answer, stored on the call record the caller's id names. */
import { type HighValueState, highValueOutcome } from '../approval/high-value-outcome';
import { recordOutcome } from '../core/call-records';
import { workflowConfig } from '../core/workflow-config';

export const handler = async (state: HighValueState) => {
  const outcome = highValueOutcome(state);
  await recordOutcome(workflowConfig().callsTable, state.executionId, outcome);
  return outcome;
};
