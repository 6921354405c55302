/**
 * Bearer token and Standard Webhooks signature checks. Both compare in constant time and fail
 * with one `UnauthorizedError` whose reason says which check failed without leaking anything.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../core/errors';

export class UnauthorizedError extends HttpError {
  constructor(reason: string) {
    super(401, reason);
  }
}

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();

/** Equal-length digests first, so that neither length nor content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Accepts `Authorization: Bearer <token>` when the token matches any active one. */
export function verifyBearer(authorization: string | undefined, tokens: readonly string[]): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    throw new UnauthorizedError('Missing bearer token: send "Authorization: Bearer <token>".');
  }
  let valid = false;
  for (const token of tokens) valid = sameSecret(match[1], token) || valid;
  if (!valid) throw new UnauthorizedError('The bearer token is not valid.');
}

export interface SignatureHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Decodes a `whsec_`-prefixed base64 secret; a secret without the prefix is used as raw text. */
function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** The `v1,<base64>` signature of `id.timestamp.body`, as the Standard Webhooks scheme defines. */
export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/**
 * Verifies the signature over the raw body against every active secret (rotation), and that the
 * timestamp lies within `toleranceSeconds` of `nowMs` in either direction (replay protection).
 */
export function verifySignature(
  rawBody: string,
  headers: SignatureHeaders,
  secrets: readonly string[],
  toleranceSeconds: number,
  nowMs: number = Date.now(),
): void {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    throw new UnauthorizedError(
      'Missing webhook signature: send webhook-id, webhook-timestamp and webhook-signature.',
    );
  }

  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > toleranceSeconds) {
    throw new UnauthorizedError('The webhook timestamp is outside the accepted window.');
  }

  const offered = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  let valid = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, id, seconds, rawBody).slice(3), 'base64');
    for (const candidate of offered) {
      valid =
        (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || valid;
    }
  }
  if (!valid) throw new UnauthorizedError('The webhook signature does not match the body.');
}
