/** Real jobs for the queue command's tests: calls that fail for good on the local stack. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../../functions/aws/sqs';
import type { ManualJob } from '../../functions/core/manual-queue';
import { QUEUES } from '../../local/sqs';
import { type LocalStack, PROJECT_ROOT } from '../../local/stack';
import { localStackInfo, writeStackInfo } from '../../local/stack-info';
import type { CommandIo } from '../../scripts/queue/command-context';
import { type CliDependencies, runQueueCli } from '../../scripts/queue/queue-cli';
import { postCall, sampleCall } from '../helpers/calls';

/** A lead call made while the CRM answers 503 to everything: the workflow hands it over. */
export async function failedLeadCall(stack: LocalStack, email: string) {
  stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
  try {
    const body = sampleCall({ conversation_context: { customer_email: email } });
    const answer = await postCall(stack.apiUrl, body);
    const handedOver = answer.body.results?.manual_processing as { job_id?: string } | undefined;
    if (!handedOver?.job_id) throw new Error(`not handed over: ${JSON.stringify(answer.body)}`);
    return { body, executionId: answer.body.execution_id ?? '', jobId: handedOver.job_id };
  } finally {
    stack.hubspot.clearFaults();
  }
}

/** Contacts the CRM made: the fallback's tries while it failed on purpose made none. */
export const contactCreations = (stack: LocalStack) =>
  stack.hubspot
    .requests({ method: 'POST', path: '/crm/v3/objects/contacts' })
    .filter((request) => !request.fault);

/** The status `GET /executions/{id}` answers for a call. */
export async function executionStatus(stack: LocalStack, executionId: string): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/executions/${executionId}`, {
    headers: { authorization: `Bearer ${stack.token}` },
  });
  return ((await response.json()) as { status: string }).status;
}

/** The manual queue's messages on the local stack, oldest first, visible or not. */
export const manualQueueMessages = (stack: LocalStack) => stack.sqs.messages(QUEUES.manual);

/** The jobs a receive would hand out now: queued, and not held by anyone. */
export const visibleJobIds = (stack: LocalStack) =>
  manualQueueMessages(stack)
    .filter((message) => message.visible)
    .map((message) => (JSON.parse(message.body) as ManualJob).jobId);

/** Empties the manual queue, also of the messages a browse left in flight. */
export async function purgeManualQueue(stack: LocalStack): Promise<void> {
  await sqs().send(new PurgeQueueCommand({ QueueUrl: stack.sqs.queueUrls.manual }));
}

/** A data folder whose stack.json describes `stack`, as `npm start` writes it. */
export async function describedStack(stack: LocalStack): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'queue-command-'));
  await writeStackInfo(dataDir, localStackInfo(stack));
  return dataDir;
}

export interface Captured {
  io: CommandIo;
  out: () => string;
  err: () => string;
  /** The answers a person at the terminal gives, in order. */
  answers: string[];
}

export function capturedIo(interactive = false): Captured {
  let out = '';
  let err = '';
  const answers: string[] = [];
  return {
    io: {
      out: (text) => {
        out += `${text}\n`;
      },
      err: (text) => {
        err += `${text}\n`;
      },
      interactive,
      confirm: async (question) => {
        out += question;
        return /^y/i.test(answers.shift() ?? '');
      },
    },
    out: () => out,
    err: () => err,
    answers,
  };
}

/** Runs `npm run queue -- ...args` in this process, against the stack described in `dataDir`. */
export async function queueCommand(
  args: string[],
  dataDir: string,
  options: { captured?: Captured } & Partial<CliDependencies> = {},
) {
  const captured = options.captured ?? capturedIo();
  const code = await runQueueCli([...args, '--data-dir', dataDir], {
    projectRoot: PROJECT_ROOT,
    browser: { waitSeconds: 0 },
    ...options,
    io: captured.io,
  });
  return { code, out: captured.out(), err: captured.err() };
}
