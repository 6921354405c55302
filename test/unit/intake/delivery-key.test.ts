import { describe, expect, it } from 'vitest';
import type { Call } from '../../../functions/core/call';
import {
  callFingerprint,
  canonicalJson,
  type DeliveryKeySource,
  deliveryKey,
  executionIdFor,
} from '../../../functions/intake/delivery-key';
import { parseCall } from '../../../functions/intake/parse-call';
import fixture from '../../fixtures/call-body.json';
import { FIXTURE_CALL } from '../../fixtures/calls';

const WORKFLOW = 'lead';

function source(overrides: Partial<DeliveryKeySource> = {}): DeliveryKeySource {
  return {
    idempotencyKey: undefined,
    webhookId: undefined,
    signed: false,
    call: FIXTURE_CALL,
    ...overrides,
  };
}

/** The fixture body with changes, parsed as the intake parses it. */
function parsedCall(change: (body: typeof fixture) => void): Call {
  const body = structuredClone(fixture);
  change(body);
  const parsed = parseCall(body, { flowId: 'lead', defaultRegion: 'DE' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.call;
}

describe('deliveryKey', () => {
  it('gives a 64-character hex key and a fingerprint of the call', () => {
    // Act
    const { key, fingerprint } = deliveryKey(WORKFLOW, source());

    // Assess
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).toBe(callFingerprint(FIXTURE_CALL));
  });

  it('names an unsigned call by its Idempotency-Key over its webhook id and its content', () => {
    // Prepare
    const first = source({ idempotencyKey: 'call-7f3a', webhookId: 'msg_1' });
    const retry = source({ idempotencyKey: 'call-7f3a', webhookId: 'msg_2' });
    const other = source({ idempotencyKey: 'call-8b2c', webhookId: 'msg_1' });

    // Act
    const [a, b, c] = [first, retry, other].map((s) => deliveryKey(WORKFLOW, s).key);

    // Assess
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('names a signed call by its signed webhook id alone, so a new Idempotency-Key cannot replay it', () => {
    // Prepare
    const captured = source({ signed: true, webhookId: 'msg_1', idempotencyKey: 'original' });
    const replayed = source({ signed: true, webhookId: 'msg_1', idempotencyKey: 'changed' });

    // Act
    const keys = [captured, replayed].map((s) => deliveryKey(WORKFLOW, s).key);

    // Assess
    expect(keys[0]).toBe(keys[1]);
  });

  it('uses the webhook id when no Idempotency-Key is sent, and ignores a blank one', () => {
    // Act
    const blank = deliveryKey(WORKFLOW, source({ idempotencyKey: '   ', webhookId: 'msg_1' })).key;
    const webhookOnly = deliveryKey(WORKFLOW, source({ webhookId: 'msg_1' })).key;
    const other = deliveryKey(WORKFLOW, source({ webhookId: 'msg_2' })).key;

    // Assess
    expect(blank).toBe(webhookOnly);
    expect(other).not.toBe(webhookOnly);
  });

  it('names a call without headers by what it says, however it is spelled', () => {
    // Prepare
    const spellings = [
      parsedCall(() => {}),
      parsedCall((body) => {
        body.conversation_context.timestamp = '2024-03-12T09:45:00Z';
        body.conversation_context.detected_intent = 'SALES';
        body.conversation_context.customer_email = ' Jana.Becker@Nordlicht-Logistik.de ';
        body.custom_data.competitor_mentioned = 'Transporeon; Soloplan; project44';
        body.language = 'en';
      }),
    ];

    // Act
    const keys = spellings.map((call) => deliveryKey(WORKFLOW, source({ call })).key);

    // Assess
    expect(keys[0]).toBe(keys[1]);
  });

  it('tells calls apart that say different things', () => {
    // Prepare
    const critical = parsedCall((body) => {
      body.conversation_context.urgency_level = 'critical';
    });

    // Act
    const keys = [FIXTURE_CALL, critical].map((call) => deliveryKey(WORKFLOW, source({ call })));

    // Assess
    expect(keys[0]?.key).not.toBe(keys[1]?.key);
    expect(keys[0]?.fingerprint).not.toBe(keys[1]?.fingerprint);
  });

  it('gives the same call different keys in different workflows', () => {
    // Act
    const lead = deliveryKey('lead', source({ webhookId: 'msg_1' })).key;
    const support = deliveryKey('support', source({ webhookId: 'msg_1' })).key;

    // Assess
    expect(lead).not.toBe(support);
  });
});

describe('executionIdFor', () => {
  it('is exec_ and the first 32 hex digits of the key', () => {
    // Prepare
    const { key } = deliveryKey(WORKFLOW, source());

    // Act
    const id = executionIdFor(key);

    // Assess
    expect(id).toBe(`exec_${key.slice(0, 32)}`);
    expect(id).toMatch(/^exec_[0-9a-f]{32}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and leaves out undefined values', () => {
    // Act
    const text = canonicalJson({ b: [3, { z: 1, a: 2 }], a: { d: null, c: undefined, b: 'x' } });

    // Assess
    expect(text).toBe('{"a":{"b":"x","d":null},"b":[3,{"a":2,"z":1}]}');
  });
});
