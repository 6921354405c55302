/**
 * The local stack as a target: its `stack.json` (written by `npm start`) names the endpoints,
 * and the SDK is pointed at them the way the stack points its own handlers.
 */

import { join, relative, resolve } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SqsSender } from '../../functions/core/manual-queue-browser';
import { readStackInfo, stackInfoPath } from '../../local/stack-info';
import { operatorActor } from './operator-actor';
import type { QueueTarget } from './queue-target';

export class NoLocalStackError extends Error {
  override name = 'NoLocalStackError';

  constructor(infoPath: string, detail?: string) {
    super(
      `no local stack found at ${displayPath(infoPath)}${detail ? ` (${detail})` : ''}; ` +
        'start it with npm start (pass --data-dir DIR for one started with --data-dir), ' +
        'or pass --stack NAME for AWS',
    );
  }
}

export async function localTarget(
  dataDir: string | undefined,
  projectRoot: string,
): Promise<QueueTarget> {
  const folder = resolve(dataDir ?? join(projectRoot, '.local-data'));
  const infoPath = stackInfoPath(folder);
  const info = await readStackInfo(folder);
  if (!info) throw new NoLocalStackError(infoPath);
  return {
    where: `the local stack (${displayPath(infoPath)})`,
    queueUrl: info.manualQueueUrl,
    replay: {
      callsTable: info.callsTable,
      stateMachines: info.stateMachines,
      ttlSeconds: info.callTtlSeconds,
      actor: operatorActor(),
    },
    environment: {
      AWS_REGION: info.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Real credentials of the shell have no business going to the local stack.
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: info.endpoints.sqs,
      AWS_ENDPOINT_URL_SFN: info.endpoints.stepFunctions,
      // The audit trail lives in the calls table.
      CALLS_TABLE: info.callsTable,
    },
    local: { infoPath },
  };
}

/**
 * A stack.json outlives a stack that was killed rather than stopped: ask its queue, briefly,
 * before telling a person that their job is not there.
 */
export async function checkLocalStackAnswers(
  target: QueueTarget,
  client: SqsSender,
  timeoutMs = 3000,
): Promise<void> {
  if (!target.local) return;
  try {
    await client.send(
      new GetQueueAttributesCommand({ QueueUrl: target.queueUrl, AttributeNames: ['QueueArn'] }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
  } catch (error) {
    const reason = (error as { code?: string; name?: string }).code ?? (error as Error).name;
    throw new NoLocalStackError(target.local.infoPath, `it does not answer: ${reason}`);
  }
}

function displayPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near && !near.startsWith('..') ? near : path;
}
