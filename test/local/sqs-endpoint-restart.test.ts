import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteMessageCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startLocalSqs } from '../../local/aws/sqs';
import { eventually } from '../helpers/calls';
import { type SqsFixture, startSqsFixture } from '../helpers/local-sqs';

const folders: string[] = [];
const running: SqsFixture[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fixture) => fixture.stop()));
});
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function emptyFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'local-sqs-'));
  folders.push(folder);
  return folder;
}

async function start(dataDir?: string): Promise<SqsFixture> {
  const fixture = await startSqsFixture(dataDir ? { dataDir } : {});
  running.push(fixture);
  return fixture;
}

async function stop(fixture: SqsFixture): Promise<void> {
  running.splice(running.indexOf(fixture), 1);
  await fixture.stop();
}

describe('the local SQS endpoint across a restart', () => {
  it('keeps queues and messages in its folder; messages in flight come back visible', async () => {
    const dataDir = await emptyFolder();
    const before = await start(dataDir);
    const queueUrl = await before.queue('jobs', { VisibilityTimeout: '600' });
    for (const body of ['held', 'waiting']) {
      await before.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    const { Messages: held = [] } = await before.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }),
    );
    const countedBefore = await before.counts(queueUrl);
    await stop(before);

    const after = await start(dataDir);
    const url = queueUrl.replace(before.endpoint.url, after.endpoint.url);
    const countedAfter = await after.counts(url);
    const { Messages: again = [] } = await after.client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    // A handle given out before the restart still deletes its message.
    await after.client.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: held[0]?.ReceiptHandle }),
    );

    expect(countedBefore).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
    expect(countedAfter).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
    expect(again.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([
      ['held', '2'],
      ['waiting', '1'],
    ]);
    expect(after.bodies(url)).toEqual(['waiting']);
    // The jobs hold callers' personal data: the file is for its owner only.
    expect((await stat(join(dataDir, 'jobs.json'))).mode & 0o777).toBe(0o600);
  });

  it('starts empty after a restart without a folder', async () => {
    const before = await start();
    await before.queue('jobs');
    await stop(before);

    const after = await start();
    const { QueueUrls = [] } = await after.client.send(new ListQueuesCommand({}));

    expect(QueueUrls).toEqual([]);
  });

  it('ends its long polls when it stops, rather than holding the process', async () => {
    const sqs = await start();
    const queueUrl = await sqs.queue('quiet');
    const polling = sqs.client
      .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }))
      .then(
        () => 'answered',
        () => 'cut off',
      );

    await eventually(async () =>
      sqs.endpoint.requests().find((r) => r.headers['x-amz-target'] === 'AmazonSQS.ReceiveMessage'),
    );
    const stopping = Date.now();
    await stop(sqs);
    const outcome = await polling;

    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(['answered', 'cut off']).toContain(outcome);
  });

  it('refuses to start on a file that is not a queue, naming it', async () => {
    const dataDir = await emptyFolder();
    await writeFile(join(dataDir, 'jobs.json'), '{"not":"a queue"}');

    await expect(startLocalSqs({ dataDir })).rejects.toThrow(
      `${join(dataDir, 'jobs.json')} is not a saved SQS queue: move it away, or start with --fresh`,
    );
  });
});

describe('faults injected into the local SQS endpoint', () => {
  it('answers the injected status as SQS words it, then serves again', async () => {
    const sqs = await start();
    const queueUrl = await sqs.queue('flaky');
    sqs.endpoint.injectFault({ kind: 'status', status: 503, times: 1 });
    sqs.endpoint.injectFault({ kind: 'status', status: 429, times: 1 });
    const send = () =>
      sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'job' }));

    const unavailable = await send().catch((error: unknown) => error);
    const throttled = await send().catch((error: unknown) => error);
    const sent = await send();

    expect(unavailable).toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    expect(throttled).toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });
    expect(sent.MessageId).toEqual(expect.any(String));
    expect(sqs.bodies(queueUrl)).toEqual(['job']);
    const faulted = sqs.endpoint.requests((request) => request.fault !== undefined);
    expect(faulted.map((request) => request.headers['x-amz-target'])).toEqual([
      'AmazonSQS.SendMessage',
      'AmazonSQS.SendMessage',
    ]);
  });

  it('can be made to fail over HTTP, as a person with curl does', async () => {
    const sqs = await start();
    const queueUrl = await sqs.queue('flaky');
    await fetch(`${sqs.endpoint.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 500, times: 'always' }),
    });

    const error = await sqs.client
      .send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'job' }))
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
  });
});
