/**
 * The smoke test of a deployment: one signed test call to the webhook, as the voice platform
 * sends it, followed through `GET /executions/{id}` when it answers `accepted`, and a verdict. A
 * deployment passes when the call was handled (completed, or waiting for a manager's approval).
 */
import { randomUUID } from 'node:crypto';
import { signPayload } from '../../functions/intake/authenticate';

export interface SmokeOptions {
  /** The stage URL, e.g. the stack's ApiUrl output, or the local stack's. */
  url: string;
  token: string;
  /** Signs the call (Standard Webhooks) when given. */
  secret?: string | undefined;
  /** The voice platform's API key, sent as x-api-key. */
  apiKey?: string | undefined;
  flow: string;
  body: string;
  /** How long to follow a run that answered `accepted`. */
  followMs: number;
  /** Time between two looks at a followed run. */
  pollMs?: number;
  log: (line: string) => void;
}

export interface SmokeVerdict {
  pass: boolean;
  /** The one line that says how it went. */
  summary: string;
  status?: string;
  executionId?: string;
}

interface Answer {
  status?: string;
  execution_id?: string;
  message?: string;
  warnings?: string[];
  errors?: unknown[];
  error?: string;
  results?: { manual_processing?: unknown };
}

const HANDLED = new Set(['completed', 'pending_approval']);

function headersFor(options: SmokeOptions): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
    // A run of its own each time, never the answer of an earlier smoke test.
    'idempotency-key': `smoke-${randomUUID()}`,
  };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.secret) {
    const id = `msg_${randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    Object.assign(headers, {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload(options.secret, id, timestamp, options.body),
    });
  }
  return headers;
}

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return { error: text.slice(0, 300) || `HTTP ${response.status} without a body` };
  }
}

function verdictOf(answer: Answer, httpStatus: number): SmokeVerdict {
  const base = {
    ...(answer.status ? { status: answer.status } : {}),
    ...(answer.execution_id ? { executionId: answer.execution_id } : {}),
  };
  if (httpStatus !== 200) {
    return { ...base, pass: false, summary: `HTTP ${httpStatus}: ${answer.error ?? 'no answer'}` };
  }
  const run = answer.execution_id ? ` (execution ${answer.execution_id})` : '';
  if (answer.status && HANDLED.has(answer.status)) {
    return { ...base, pass: true, summary: `the call was answered ${answer.status}${run}` };
  }
  const why =
    answer.status === 'partial'
      ? `some steps failed: ${(answer.warnings ?? []).join('; ') || 'see the answer'}`
      : answer.status === 'accepted'
        ? answer.results?.manual_processing
          ? 'it was handed to a person through the manual processing queue'
          : 'the run had not finished when the smoke test stopped following it'
        : `the answer was ${answer.status ?? 'not a call answer'}`;
  return { ...base, pass: false, summary: `the call was answered ${answer.status}${run}: ${why}` };
}

export async function runSmokeTest(options: SmokeOptions): Promise<SmokeVerdict> {
  const base = options.url.replace(/\/+$/, '');
  const target = `${base}/webhook/automation/${encodeURIComponent(options.flow)}`;
  const headers = headersFor(options);
  const started = Date.now();

  let response: Response;
  try {
    response = await fetch(target, { method: 'POST', headers, body: options.body });
  } catch (error) {
    return { pass: false, summary: `could not reach ${target}: ${(error as Error).message}` };
  }
  let answer = await readAnswer(response);
  const how = [options.secret ? 'signed' : 'unsigned', options.apiKey ? 'with API key' : '']
    .filter(Boolean)
    .join(', ');
  options.log(`POST ${target}: HTTP ${response.status} in ${Date.now() - started} ms (${how})`);
  options.log(JSON.stringify(answer, null, 2));

  // `accepted` while the run goes on: its result becomes readable under its execution id.
  const deadline = Date.now() + options.followMs;
  let status = response.status;
  while (
    status === 200 &&
    answer.status === 'accepted' &&
    answer.execution_id &&
    !answer.results?.manual_processing &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
    const followed = await fetch(`${base}/executions/${answer.execution_id}`, {
      headers: {
        authorization: headers.authorization ?? '',
        ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      },
    });
    status = followed.status;
    answer = await readAnswer(followed);
    if (answer.status !== 'accepted') {
      options.log(`GET ${base}/executions/${answer.execution_id}: ${answer.status}`);
      options.log(JSON.stringify(answer, null, 2));
    }
  }
  return verdictOf(answer, status);
}
