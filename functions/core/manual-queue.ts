/**
 * The manual processing queue: work the system could not finish by itself, with everything a
 * person needs to finish it (or to replay it) and why it is there.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../aws/sqs';

export interface ManualJob {
  workflow: string;
  executionId: string;
  /** One sentence for the person who picks it up. */
  reason: string;
  step?: string;
  error?: string;
  queuedAt: string;
  /** The call as the workflow had it, so that the job can be replayed. */
  input: unknown;
}

export async function queueManualJob(
  queueUrl: string,
  job: ManualJob,
): Promise<{ messageId: string }> {
  const { MessageId } = await sqs().send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(job),
      MessageAttributes: {
        workflow: { DataType: 'String', StringValue: job.workflow },
        executionId: { DataType: 'String', StringValue: job.executionId },
      },
    }),
  );
  return { messageId: MessageId ?? '' };
}
