/** SQS on loopback (local/aws/sqs.ts), with the manual processing queue. */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalSqsEndpoint, startLocalSqs } from './aws/sqs';
import { LOCAL_REGION } from './local-env';

export const QUEUES = { manual: 'manual-processing' } as const;

/** As the CDK app makes it: a job waits for a person, maybe over a holiday. */
const MANUAL_QUEUE_RETENTION_SECONDS = 14 * 24 * 3600;

export interface LocalSqs extends LocalSqsEndpoint {
  /** `http://127.0.0.1:PORT/000000000000/<name>` by queue. */
  queueUrls: Record<keyof typeof QUEUES, string>;
}

/** Starts the endpoint on `port` (any free one when 0), its queues kept in `dataDir` if given. */
export async function startSqs(port: number, dataDir?: string): Promise<LocalSqs> {
  const endpoint = await startLocalSqs({ port, ...(dataDir === undefined ? {} : { dataDir }) });
  const client = new SQSClient({
    endpoint: endpoint.url,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const queueUrls = {} as Record<keyof typeof QUEUES, string>;
  try {
    for (const [key, name] of Object.entries(QUEUES) as Array<[keyof typeof QUEUES, string]>) {
      const { QueueUrl } = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: { MessageRetentionPeriod: String(MANUAL_QUEUE_RETENTION_SECONDS) },
        }),
      );
      queueUrls[key] = QueueUrl ?? '';
    }
  } catch (error) {
    await endpoint.close();
    throw error;
  } finally {
    client.destroy();
  }
  return Object.assign(endpoint, { queueUrls });
}
