/**
 * EventBridge target: a Standard workflow's execution that failed, timed out or was aborted
 * goes to the manual processing queue, with the admin told.
 */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../aws/step-functions';
import { type EndedExecution, handOverEndedExecution } from '../core/ended-runs';
import { withSecretValues } from '../core/secret-values';
import { workflowConfig } from '../core/workflow-config';

/** The `detail` of a "Step Functions Execution Status Change" event. */
interface ExecutionStatusChange {
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: string;
    /** Left out of the event when large; then read from the execution. */
    input?: string | null;
    error?: string | null;
    cause?: string | null;
  };
}

export const handler = withSecretValues(async (event: ExecutionStatusChange) => {
  const { detail } = event;
  const input =
    detail.input ??
    (
      await stepFunctions().send(
        new DescribeExecutionCommand({ executionArn: detail.executionArn }),
      )
    ).input;
  const ended: EndedExecution = {
    stateMachineArn: detail.stateMachineArn,
    name: detail.name,
    status: detail.status,
    input: JSON.parse(input ?? '{}'),
    error: detail.error ?? null,
    cause: detail.cause ?? null,
  };
  const jobId = await handOverEndedExecution(ended, workflowConfig().callsTable);
  return { jobId: jobId ?? null };
});
