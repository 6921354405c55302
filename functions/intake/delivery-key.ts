/**
 * One key per delivered call, so that a repeated delivery maps to the same execution, and a
 * fingerprint of what the call says, so that a key reused for another call is caught. Both are
 * hashes: keys and bodies may carry personal data, and neither is stored in the clear.
 */
import { createHash } from 'node:crypto';
import type { Call } from '../core/call';

export interface DeliveryKeySource {
  idempotencyKey: string | undefined;
  webhookId: string | undefined;
  /** True when the request's signature was verified; then only signed values may name it. */
  signed: boolean;
  call: Call;
}

export interface DeliveryKey {
  key: string;
  /** What the call says, without what changes between deliveries of it. */
  fingerprint: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every level, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The normalised call, so that spelling the same call differently ("Sales" or "sales", a list
 * as an array or a string, an address in another case) is still the same call; without the
 * agent's timestamp, the spoken language and the parser's notes, which change between deliveries.
 */
export function callFingerprint(call: Call): string {
  const { timestamp: _t, language: _l, notes: _n, flowId: _f, contact, ...rest } = call;
  const { email: _e, ...person } = contact;
  return sha256(canonicalJson({ ...rest, contact: person }));
}

/**
 * Signed requests are named by their signed `webhook-id` alone: an unsigned Idempotency-Key
 * could be changed by whoever captured a request, to replay it. Unsigned ones by
 * `Idempotency-Key`, else `webhook-id`, else what the call says. Scoped by workflow, so that
 * the same call sent to `lead` and to `auto` (which routes it to lead) runs once.
 */
export function deliveryKey(workflow: string, source: DeliveryKeySource): DeliveryKey {
  const fingerprint = callFingerprint(source.call);
  const idempotencyKey = source.idempotencyKey?.trim();
  const webhookId = source.webhookId?.trim();
  const basis =
    source.signed && webhookId
      ? `webhook:${webhookId}`
      : idempotencyKey
        ? `key:${idempotencyKey}`
        : webhookId
          ? `webhook:${webhookId}`
          : `call:${fingerprint}`;
  return { key: sha256(`${workflow}\n${basis}`), fingerprint };
}

/** The execution id derived from a delivery key: stable, short, valid as a Step Functions name. */
export function executionIdFor(key: string): string {
  return `exec_${key.slice(0, 32)}`;
}
