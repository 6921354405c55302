/** Task: hands a job that the workflow cannot finish to the manual processing queue. */
import { approvalConfig } from '../approval/approval-config';
import { queueManualJob } from '../core/manual-queue';

interface ManualHandOver {
  workflow: string;
  executionId: string;
  reason: string;
  state: unknown;
}

export const handler = async (input: ManualHandOver) => {
  const { messageId } = await queueManualJob(approvalConfig().manualQueueUrl, {
    workflow: input.workflow,
    executionId: input.executionId,
    reason: input.reason,
    queuedAt: new Date().toISOString(),
    input: input.state,
  });
  return { status: 'queued', messageId };
};
