import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ABANDONED_AFTER_SECONDS,
  claimCall,
  readCall,
  recordOutcome,
} from '../../functions/core/call-records';
import { resetConfig } from '../../functions/core/config';
import type { WorkflowOutcome } from '../../functions/core/outcome';
import { startDynamoDb } from '../../local/dynamodb';

let dynamodb: Awaited<ReturnType<typeof startDynamoDb>>;
const TABLE = 'calls';
const DAY = 86_400;

beforeAll(async () => {
  dynamodb = await startDynamoDb(undefined);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  resetConfig();
});
afterAll(() => dynamodb.close());

const record = (executionId: string, receivedAt = Date.now()) => ({
  executionId,
  flow: 'lead',
  receivedAt,
  fingerprint: 'f1',
});

const outcome = (status: WorkflowOutcome['status']): WorkflowOutcome => ({
  workflowId: 'wf_lead',
  status,
  results: {},
  errors: [],
  warnings: [],
  highlights: { failedChannels: [], workingChannels: [] },
  executionTimeMs: 10,
  finishedAt: new Date().toISOString(),
});

describe('the call record', () => {
  it('lets one delivery claim a call and refuses the next while it runs or after it succeeded', async () => {
    expect(await claimCall(TABLE, record('exec_a'), DAY)).toBe(true);
    expect(await claimCall(TABLE, record('exec_a'), DAY)).toBe(false);

    await recordOutcome(TABLE, 'exec_a', outcome('completed'));
    expect(await claimCall(TABLE, record('exec_a'), DAY)).toBe(false);
    expect((await readCall(TABLE, 'exec_a'))?.outcome?.status).toBe('completed');
  });

  it('lets a repeat take over a call whose run failed', async () => {
    await claimCall(TABLE, record('exec_b'), DAY);
    await recordOutcome(TABLE, 'exec_b', outcome('failed'));

    expect(await claimCall(TABLE, record('exec_b'), DAY)).toBe(true);
    expect((await readCall(TABLE, 'exec_b'))?.outcome).toBeUndefined();
  });

  it('lets a repeat take over a call whose run left no outcome for longer than any run takes', async () => {
    const longAgo = Date.now() - (ABANDONED_AFTER_SECONDS + 1) * 1000;
    await claimCall(TABLE, record('exec_c', longAgo), DAY);
    await claimCall(TABLE, record('exec_d', Date.now() - 60_000), DAY);

    expect(await claimCall(TABLE, record('exec_c'), DAY)).toBe(true);
    expect(await claimCall(TABLE, record('exec_d'), DAY)).toBe(false);
  });

  it('treats an expired record as absent, although the emulator never deletes it', async () => {
    await claimCall(TABLE, record('exec_e'), -1);

    expect(await readCall(TABLE, 'exec_e')).toBeUndefined();
    expect(await claimCall(TABLE, record('exec_e'), DAY)).toBe(true);
  });
});
