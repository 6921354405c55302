/** Reads the local manual processing queue the way an operator's tool would, for assertions. */
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../../functions/aws/sqs';
import type { ManualJob } from '../../functions/core/manual-queue';
import type { LocalStack } from '../../local/stack';

/** Takes every job out of the queue (they are gone afterwards), oldest first. */
export async function takeJobs(stack: LocalStack): Promise<ManualJob[]> {
  const jobs: ManualJob[] = [];
  for (;;) {
    const { Messages = [] } = await sqs().send(
      new ReceiveMessageCommand({
        QueueUrl: stack.sqs.queueUrls.manual,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 30,
      }),
    );
    if (Messages.length === 0) return jobs;
    for (const message of Messages) {
      jobs.push(JSON.parse(message.Body ?? '{}') as ManualJob);
      await sqs().send(
        new DeleteMessageCommand({
          QueueUrl: stack.sqs.queueUrls.manual,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
    }
  }
}
