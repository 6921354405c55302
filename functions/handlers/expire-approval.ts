/** Task: the deadline passed without a decision; close the approval with the configured outcome. */
import { approvalConfig } from '../approval/approval-config';
import { approvalIdFor } from '../approval/approval-link';
import { ApprovalClosedError, type ApprovalResult, takeDecision } from '../approval/approval-store';

export const handler = async (input: { executionId: string }): Promise<ApprovalResult> => {
  const config = approvalConfig();
  const approvalId = approvalIdFor(input.executionId, config.linkSecrets[0] ?? '');
  try {
    await takeDecision(config.table, approvalId, 'expired', undefined);
  } catch (error) {
    // A decision that came in at the last moment still counts.
    if (error instanceof ApprovalClosedError && error.approval?.decision)
      return error.approval.decision;
    if (!(error instanceof ApprovalClosedError)) throw error;
  }
  return {
    decision: config.deadlineOutcome === 'manual' ? 'manual' : 'declined',
    approver: 'nobody (deadline passed)',
    comment: '',
    decidedAt: new Date().toISOString(),
  };
};
