/** Builders and senders of real-shaped calls for the tests that go over HTTP. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/stack';

type Body = Record<string, Record<string, unknown> | unknown>;

const SAMPLE = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'local/sample-call.json'), 'utf8'),
) as Body;

/** The README's sample call with parts replaced, e.g. `{ conversation_context: { urgency_level: 'critical' } }`. */
export function sampleCall(overrides: Record<string, Record<string, unknown>> = {}): Body {
  const body = structuredClone(SAMPLE) as Record<string, Record<string, unknown>>;
  for (const [section, fields] of Object.entries(overrides)) {
    body[section] = { ...(body[section] ?? {}), ...fields };
  }
  return body;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & {
    status?: string;
    execution_id?: string;
    message?: string;
    results?: Record<string, Record<string, unknown>>;
    warnings?: string[];
    errors?: unknown[];
  };
}

export async function postCall(
  apiUrl: string,
  body: unknown,
  options: { flow?: string; token?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${apiUrl}/webhook/automation/${options.flow ?? 'lead'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${options.token ?? 'local-dev-token'}`,
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

/** Polls `probe` until it returns a value, or fails at the deadline. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let interval = 20;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 200);
  }
}
