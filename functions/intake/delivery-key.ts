/**
 * One key per delivered call, so that a repeated delivery maps to the same execution. The key is
 * hashed before it is stored or used as an execution name: it may come from the body.
 */
import { createHash } from 'node:crypto';

/** Fields that change between deliveries of the same call and so must not change its key. */
const VOLATILE_PATHS = [['conversation_context', 'timestamp'], ['timestamp']] as const;

export interface DeliveryKeySource {
  idempotencyKey: string | undefined;
  webhookId: string | undefined;
  body: unknown;
}

/** JSON with object keys sorted at every level, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function withoutVolatileFields(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of VOLATILE_PATHS) {
    let node: Record<string, unknown> | undefined = copy;
    for (const [index, segment] of path.entries()) {
      if (!node || typeof node !== 'object') break;
      if (index === path.length - 1) delete node[segment];
      else node = node[segment] as Record<string, unknown> | undefined;
    }
  }
  return copy;
}

/**
 * `Idempotency-Key` header, else `webhook-id`, else the canonical body without volatile fields;
 * scoped by flow so that the same body sent to two flows runs both.
 */
export function deliveryKey(flowId: string, source: DeliveryKeySource): string {
  const idempotencyKey = source.idempotencyKey?.trim();
  const webhookId = source.webhookId?.trim();
  const basis = idempotencyKey
    ? `key:${idempotencyKey}`
    : webhookId
      ? `webhook:${webhookId}`
      : `body:${canonicalJson(withoutVolatileFields(source.body))}`;
  return createHash('sha256').update(`${flowId}\n${basis}`).digest('hex');
}

/** The execution id derived from a delivery key: stable, short, valid as a Step Functions name. */
export function executionIdFor(key: string): string {
  return `exec_${key.slice(0, 32)}`;
}
