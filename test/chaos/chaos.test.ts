/**
 * The chaos run: 200 calls while every outside service fails at random (seeded, so a failing run
 * can be replayed): 429 with Retry-After, 502, 503, hangs past the connectors' timeout, dropped
 * connections. Afterwards every call is completed or in the manual queue with its reason, nothing
 * was done twice and no step was tried more often than the policy allows; replaying the queue
 * once the services are healthy completes every call, still without duplicates.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDb } from '../../functions/aws/dynamodb';
import { readCall } from '../../functions/core/call-records';
import type { ManualJob } from '../../functions/core/manual-queue';
import { replayJob } from '../../functions/core/replay-job';
import { RETRY_POLICY } from '../../functions/core/retry-policy';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { FaultAction } from '../../local/standins/faults';
import { eventually, postCall, sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';

const CALLS = 200;
const CONCURRENCY = 20;
const SEED = 20_261_204;
const FAULT_RATE = 0.35;
const FAULTS: FaultAction[] = [
  { kind: 'status', status: 429, retryAfterSeconds: 1 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'hang' },
  { kind: 'drop' },
];

let stack: LocalStack;
const standins = () => [
  stack.hubspot,
  stack.slack,
  stack.enrichment,
  stack.ses,
  stack.sns,
  stack.jira,
];

// A hang costs a whole connector timeout, so it is kept short; but well above what a loaded
// machine needs to answer, since a stand-in that answers after the client gave up has done the
// work, and the retry would do it again (as a real service whose answer is lost would).
beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '2000' } });
});
afterAll(() => stack.stop());

/** Every second call a lead (some critical, so that SMS is in play), every fourth a support call. */
function chaosCall(index: number) {
  const support = index % 4 === 3;
  return {
    flow: support ? 'support' : 'lead',
    body: sampleCall({
      conversation_context: {
        customer_email: `caller-${index}@chaos-${index % 7}.example`,
        customer_name: `Caller Number${index}`,
        detected_intent: support ? 'support' : 'sales',
        urgency_level: index % 5 === 0 ? 'critical' : 'medium',
        ...(support
          ? { conversation_summary: `Export ${index} fails with error E-${index}.` }
          : {}),
      },
      custom_data: { budget_mentioned: support ? null : '50k' },
    }),
  };
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  }
  return results;
}

/** What was done more than once: keys seen twice, by kind of effect. */
function duplicates() {
  const twice = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);
  const { store } = stack.hubspot;
  return {
    contacts: twice([...store.contacts.values()].map((c) => c.properties.email ?? c.id)),
    crmTasks: twice(
      [...store.tasks.values()].map((t) => JSON.stringify(withoutTimes(t.properties))),
    ),
    tickets: twice(
      [...stack.hubspot.tickets.tickets.values()].map((t) =>
        JSON.stringify([t.properties.subject, t.properties.content, t.contactIds]),
      ),
    ),
    trackerIssues: twice(stack.jira.issues().map((i) => JSON.stringify(i.fields.summary))),
    emails: twice(stack.ses.messages().map((m) => JSON.stringify([m.to, m.subject, m.text]))),
    chatMessages: twice(stack.slack.messages().map((m) => `${m.requestedChannel} ${m.text}`)),
    textMessages: twice(stack.sns.messages().map((m) => `${m.to} ${m.text}`)),
  };
}
const NO_DUPLICATES = {
  contacts: [],
  crmTasks: [],
  tickets: [],
  trackerIssues: [],
  emails: [],
  chatMessages: [],
  textMessages: [],
};

function withoutTimes(properties: Record<string, string>) {
  const { createdate, hs_lastmodifieddate, hs_object_id, ...rest } = properties;
  return rest;
}

/** The most attempts any step of any call made in one run, from the step ledger. */
async function mostAttempts(): Promise<number> {
  let most = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await dynamoDb().send(
      new ScanCommand({
        TableName: 'calls',
        FilterExpression: 'begins_with(pk, :step)',
        ExpressionAttributeValues: { ':step': { S: 'step#' } },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) most = Math.max(most, Number(item.attempts?.N ?? 0));
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  return most;
}

/** Express runs (lead and support) still going; the SLA watches wait for hours and do not count. */
const runningCalls = () =>
  [...stack.stepFunctions.executions.values()].filter(
    (execution) => execution.status === 'RUNNING' && execution.machine.type === 'EXPRESS',
  );

const replayTarget = () => ({
  callsTable: 'calls',
  stateMachines: {
    lead: process.env.LEAD_STATE_MACHINE_ARN,
    support: process.env.SUPPORT_STATE_MACHINE_ARN,
    'sla-watch': process.env.SLA_WATCH_STATE_MACHINE_ARN,
  },
  ttlSeconds: 86_400,
});

describe(`${CALLS} calls while every outside service fails at random`, { timeout: 300_000 }, () => {
  let executionIds: string[] = [];
  let jobs: ManualJob[] = [];

  it('completes each accepted call or queues it with its reason, never doing anything twice', async () => {
    standins().forEach((standin, i) => {
      standin.injectRandomFaults({ seed: SEED + i, rate: FAULT_RATE, kinds: FAULTS });
    });

    const answers = await inBatches(
      Array.from({ length: CALLS }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const { flow, body } = chaosCall(i);
        return postCall(stack.apiUrl, body, { flow });
      },
    );
    await eventually(async () => (runningCalls().length === 0 ? true : undefined), 120_000);

    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    executionIds = answers.map((answer) => String(answer.body.execution_id));
    jobs = await takeJobs(stack);
    const queued = new Map(jobs.map((job) => [job.executionId, job]));
    const statuses: Record<string, number> = {};
    const lost: string[] = [];
    for (const executionId of executionIds) {
      const status = (await readCall('calls', executionId))?.outcome?.status ?? 'none';
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 'completed' && !queued.get(executionId)?.reason) lost.push(executionId);
    }
    const faults = standins().reduce(
      (sum, standin) => sum + standin.requests((request) => request.fault !== undefined).length,
      0,
    );
    console.log(
      [
        `chaos: ${CALLS} calls, outcomes ${JSON.stringify(statuses)}`,
        `faults injected (last 1000 requests per service): ${faults}`,
        `retries ${stack.metrics.total('StepRetries')}, steps failed for good ${stack.metrics.total('StepFailures')}`,
        `jobs queued ${jobs.length} ${JSON.stringify(countBy(jobs.map((job) => job.kind)))}`,
        `most attempts of one step ${await mostAttempts()} (policy: ${RETRY_POLICY.MaxAttempts + 1})`,
      ].join('\n'),
    );

    expect(lost).toEqual([]);
    expect(jobs.length).toBeGreaterThan(0);
    expect(new Set(jobs.map((job) => job.jobId)).size).toBe(jobs.length);
    expect(duplicates()).toEqual(NO_DUPLICATES);
    expect(await mostAttempts()).toBeLessThanOrEqual(RETRY_POLICY.MaxAttempts + 1);
    expect(stack.metrics.total('StepRetries')).toBeGreaterThan(0);
  });

  it('completes every queued call when the queue is replayed against healthy services', async () => {
    expect(jobs.length).toBeGreaterThan(0);
    for (const standin of standins()) standin.clearFaults();

    const results = await inBatches(jobs, 5, (job) => replayJob(job, replayTarget()));
    await eventually(async () => (runningCalls().length === 0 ? true : undefined), 60_000);

    console.log(`chaos replay: ${JSON.stringify(countBy(results.map((r) => r.result)))}`);
    expect(results.filter((r) => r.result !== 'ran' && r.result !== 'already-completed')).toEqual(
      [],
    );
    const notCompleted = [];
    for (const executionId of executionIds) {
      const status = (await readCall('calls', executionId))?.outcome?.status;
      if (status !== 'completed') notCompleted.push([executionId, status]);
    }
    expect(notCompleted).toEqual([]);
    expect(await takeJobs(stack)).toEqual([]);
    expect(duplicates()).toEqual(NO_DUPLICATES);
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
