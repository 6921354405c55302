/** The local SQS endpoint with a queue of its own, and the real SDK client pointed at it. */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalSqsEndpoint, type LocalSqsOptions, startLocalSqs } from '../../local/aws/sqs';

export interface SqsFixture {
  endpoint: LocalSqsEndpoint;
  client: SQSClient;
  /** Creates a queue of that name; its URL. */
  queue(name: string, attributes?: Record<string, string>): Promise<string>;
  /** The bodies in the queue, oldest first, visible or not. */
  bodies(queueUrl: string): string[];
  /** ApproximateNumberOfMessages, ...NotVisible and ...Delayed, as numbers. */
  counts(queueUrl: string): Promise<{ visible: number; inFlight: number; delayed: number }>;
  stop(): Promise<void>;
}

/** One try per call: a test of an injected fault sees it rather than the SDK's retry. */
export function sqsClient(url: string): SQSClient {
  return new SQSClient({
    endpoint: url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

export async function startSqsFixture(options: LocalSqsOptions = {}): Promise<SqsFixture> {
  const endpoint = await startLocalSqs(options);
  const client = sqsClient(endpoint.url);
  return {
    endpoint,
    client,
    async queue(name, attributes) {
      const { QueueUrl } = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          ...(attributes ? { Attributes: attributes } : {}),
        }),
      );
      return QueueUrl ?? '';
    },
    bodies: (queueUrl) =>
      endpoint.messages(queueUrl.split('/').at(-1) ?? '').map((message) => message.body),
    async counts(queueUrl) {
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
      );
      return {
        visible: Number(Attributes.ApproximateNumberOfMessages),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
        delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
      };
    },
    async stop() {
      client.destroy();
      await endpoint.close();
    },
  };
}
