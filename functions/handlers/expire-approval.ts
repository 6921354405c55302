/** Task: the deadline passed without a decision; close the approval with the configured outcome. */
import { approvalConfig, approvalLinkConfig } from '../approval/approval-config';
import { approvalIdFor } from '../approval/approval-link';
import { ApprovalClosedError, type ApprovalResult, takeDecision } from '../approval/approval-store';
import { withSecretValues } from '../core/secret-values';

export const handler = withSecretValues(
  async (input: { executionId: string }): Promise<ApprovalResult> => {
    const config = approvalConfig();
    const approvalId = approvalIdFor(input.executionId, approvalLinkConfig().linkSecrets[0] ?? '');
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
  },
);
