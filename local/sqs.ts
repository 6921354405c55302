/** SQS on loopback (sqslite), with the manual processing queue. */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import sqslite from 'sqslite';

export const QUEUES = { manual: 'manual-processing' } as const;

export interface LocalSqs {
  /** `http://localhost:PORT`: the emulator builds queue URLs from the host it was called by. */
  url: string;
  queueUrls: Record<keyof typeof QUEUES, string>;
  close(): Promise<void>;
}

export async function startSqs(port: number): Promise<LocalSqs> {
  const app = sqslite({ logger: false });
  const address: string = await app.listen({ port, host: '127.0.0.1' });
  const url = `http://localhost:${new URL(address).port}`;

  const client = new SQSClient({
    endpoint: url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    protocol: AwsQueryProtocol as never,
  });
  const queueUrls = {} as Record<keyof typeof QUEUES, string>;
  for (const [key, name] of Object.entries(QUEUES) as Array<[keyof typeof QUEUES, string]>) {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name }));
    queueUrls[key] = QueueUrl ?? '';
  }
  client.destroy();
  return { url, queueUrls, close: () => app.close() };
}
