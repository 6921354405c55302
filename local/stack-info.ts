/**
 * Where a running local stack is, written to `<data-dir>/stack.json` by `npm start`, so that
 * tools in other processes (`npm run queue`) reach the same services the handlers do.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { workflowOfMachine } from '../functions/core/ended-runs';
import { LOCAL_REGION } from './local-env';
import type { LocalStack } from './stack';

export const STACK_INFO_FILE = 'stack.json';

const stackInfoSchema = z.object({
  region: z.string().min(1),
  endpoints: z.object({
    api: z.string().url(),
    dynamodb: z.string().url(),
    sqs: z.string().url(),
    stepFunctions: z.string().url(),
  }),
  manualQueueUrl: z.string().url(),
  callsTable: z.string().min(1),
  /** State machine ARN by workflow name (lead, support, high-value, sla-watch). */
  stateMachines: z.record(z.string(), z.string()),
  /** How long a call record is kept (IDEMPOTENCY_TTL_HOURS), for records a replay writes. */
  callTtlSeconds: z.number().int().positive(),
  pid: z.number().int(),
  startedAt: z.string(),
});

export type LocalStackInfo = z.infer<typeof stackInfoSchema>;

/**
 * The stack's endpoints and names. The handlers' environment (which the stack sets in this
 * process) is the source for what the stack object does not carry, so both always agree.
 */
export function localStackInfo(stack: LocalStack, env = process.env): LocalStackInfo {
  const stateMachines: Record<string, string> = {};
  for (const arn of stack.stepFunctions.machines.keys()) {
    const workflow = workflowOfMachine(arn);
    if (workflow) stateMachines[workflow] = arn;
  }
  const ttlHours = Number(env.IDEMPOTENCY_TTL_HOURS || 24);
  return stackInfoSchema.parse({
    region: env.AWS_REGION ?? LOCAL_REGION,
    endpoints: {
      api: stack.apiUrl,
      dynamodb: env.AWS_ENDPOINT_URL_DYNAMODB,
      sqs: stack.sqs.url,
      stepFunctions: stack.stepFunctionsUrl,
    },
    manualQueueUrl: stack.sqs.queueUrls.manual,
    callsTable: env.CALLS_TABLE,
    stateMachines,
    callTtlSeconds: Math.round(ttlHours * 3600),
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
}

export function stackInfoPath(dataDir: string): string {
  return join(dataDir, STACK_INFO_FILE);
}

export async function writeStackInfo(dataDir: string, info: LocalStackInfo): Promise<string> {
  const path = stackInfoPath(dataDir);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return path;
}

export async function removeStackInfo(dataDir: string): Promise<void> {
  await rm(stackInfoPath(dataDir), { force: true });
}

export class StackInfoError extends Error {
  override name = 'StackInfoError';
}

/** The stack info in `dataDir`, or `undefined` when there is none; a broken file is an error. */
export async function readStackInfo(dataDir: string): Promise<LocalStackInfo | undefined> {
  const path = stackInfoPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return stackInfoSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new StackInfoError(`${path} is not a local stack description: delete it and restart`, {
      cause: error,
    });
  }
}
