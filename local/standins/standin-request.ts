/** Reading, parsing and redacting the requests a stand-in receives. */

import type { IncomingMessage } from 'node:http';

/** Larger bodies are refused: no connector sends more, and the records live in memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Headers whose values are secrets; the records keep only their scheme. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'cookie', 'x-api-key']);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large for a stand-in');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON and form bodies parsed; anything else kept as text. Unparsable JSON stays text. */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (raw === '') return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw;
}

/** `Authorization: Bearer abc` becomes `Bearer [redacted]`: tests see the scheme, never the secret. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name)) {
      redacted[name] = value;
      continue;
    }
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    redacted[name] = scheme ? `${scheme} [redacted]` : '[redacted]';
  }
  return redacted;
}
