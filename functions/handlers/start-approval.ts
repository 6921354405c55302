/** Task: a lead above 90 starts the high-value workflow, which waits for a manager. */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { approvalConfig } from '../approval/approval-config';
import { stepFunctions } from '../aws/step-functions';
import { outsideStep } from '../core/outside-step';

interface HandOver {
  executionId: string;
  receivedAt: number;
  language: string;
  call: unknown;
  lead: unknown;
  score: unknown;
}

export const handler = outsideStep(async (state: HandOver) => {
  // Named after the call, so that a retried start finds the run it already started.
  const { executionArn } = await stepFunctions().send(
    new StartExecutionCommand({
      stateMachineArn: approvalConfig().highValueStateMachineArn,
      name: state.executionId,
      input: JSON.stringify(state),
    }),
  );
  // Shown to the caller's platform under results.handed_over, in the answer's snake_case.
  return {
    workflow: 'high-value',
    reason: 'lead score above 90',
    approval_execution: executionArn,
  };
});
