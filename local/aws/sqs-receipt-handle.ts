/**
 * Receipt handles that carry their message id and are signed with the queue's secret: any
 * handle the queue gave out is recognised (also after a restart, and after the message was
 * received again or deleted), and anything else is not, without keeping a list of handles.
 */

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newHandleSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh handle for one receipt of the message. */
export function issueReceiptHandle(secret: string, messageId: string): string {
  const payload = Buffer.from(`${messageId}:${randomBytes(12).toString('base64url')}`, 'utf8');
  return `${payload.toString('base64url')}.${sign(secret, payload).toString('base64url')}`;
}

/** The message id a handle of this queue names, or `undefined` for any other string. */
export function readReceiptHandle(secret: string, handle: string): string | undefined {
  const [encoded, signature, ...rest] = handle.split('.');
  if (!encoded || !signature || rest.length > 0) return undefined;
  const payload = Buffer.from(encoded, 'base64url');
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const text = payload.toString('utf8');
  return text.slice(0, text.lastIndexOf(':'));
}

function sign(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, 18);
}
