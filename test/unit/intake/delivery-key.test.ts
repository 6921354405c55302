import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  type DeliveryKeySource,
  deliveryKey,
  executionIdFor,
} from '../../../functions/intake/delivery-key';
import fixture from '../../fixtures/call-body.json';

const FLOW = 'lead-qualification';

function body(changes: (copy: typeof fixture) => void = () => {}): typeof fixture {
  const copy = structuredClone(fixture);
  changes(copy);
  return copy;
}

function source(overrides: Partial<DeliveryKeySource> = {}): DeliveryKeySource {
  return { idempotencyKey: undefined, webhookId: undefined, body: body(), ...overrides };
}

/** The same object with its keys inserted in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  );
}

describe('deliveryKey', () => {
  it('gives a 64-character hex key', () => {
    // Act
    const key = deliveryKey(FLOW, source());

    // Assess
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the Idempotency-Key header over the webhook id and the body', () => {
    // Prepare
    const first = source({ idempotencyKey: 'call-7f3a', webhookId: 'msg_1' });
    const retry = source({
      idempotencyKey: 'call-7f3a',
      webhookId: 'msg_2',
      body: body((copy) => {
        copy.conversation_context.urgency_level = 'critical';
      }),
    });

    // Act
    const keys = [deliveryKey(FLOW, first), deliveryKey(FLOW, retry)];

    // Assess
    expect(keys[0]).toBe(keys[1]);
  });

  it('tells calls with different Idempotency-Keys apart even when everything else is equal', () => {
    // Act
    const first = deliveryKey(FLOW, source({ idempotencyKey: 'call-1', webhookId: 'msg_1' }));
    const second = deliveryKey(FLOW, source({ idempotencyKey: 'call-2', webhookId: 'msg_1' }));

    // Assess
    expect(first).not.toBe(second);
  });

  it('uses the webhook id over the body when no Idempotency-Key is sent', () => {
    // Prepare
    const changedBody = body((copy) => {
      copy.conversation_context.conversation_summary = 'A different call entirely.';
    });

    // Act
    const first = deliveryKey(FLOW, source({ webhookId: 'msg_2dTnB7bJ0jYqkT8a1o3vQ' }));
    const second = deliveryKey(
      FLOW,
      source({ webhookId: 'msg_2dTnB7bJ0jYqkT8a1o3vQ', body: changedBody }),
    );
    const other = deliveryKey(FLOW, source({ webhookId: 'msg_9zzzzzzzzzzzzzzzzzzzz' }));

    // Assess
    expect(first).toBe(second);
    expect(first).not.toBe(other);
  });

  it('does not confuse an Idempotency-Key with a webhook id of the same text', () => {
    // Act
    const byKey = deliveryKey(FLOW, source({ idempotencyKey: 'abc' }));
    const byWebhook = deliveryKey(FLOW, source({ webhookId: 'abc' }));

    // Assess
    expect(byKey).not.toBe(byWebhook);
  });

  it('treats a blank Idempotency-Key as absent and trims the one that is sent', () => {
    // Act
    const blank = deliveryKey(FLOW, source({ idempotencyKey: '   ', webhookId: 'msg_1' }));
    const webhookOnly = deliveryKey(FLOW, source({ webhookId: 'msg_1' }));
    const padded = deliveryKey(FLOW, source({ idempotencyKey: '  call-7f3a\t' }));
    const trimmed = deliveryKey(FLOW, source({ idempotencyKey: 'call-7f3a' }));

    // Assess
    expect(blank).toBe(webhookOnly);
    expect(padded).toBe(trimmed);
  });

  it('gives a redelivered body the same key although the agent stamped a new timestamp', () => {
    // Prepare
    const redelivered = body((copy) => {
      copy.conversation_context.timestamp = '2024-03-12T09:41:58Z';
    });

    // Act
    const first = deliveryKey(FLOW, source());
    const second = deliveryKey(FLOW, source({ body: redelivered }));

    // Assess
    expect(redelivered.conversation_context.timestamp).not.toBe(
      fixture.conversation_context.timestamp,
    );
    expect(first).toBe(second);
  });

  it('ignores a top-level timestamp as well', () => {
    // Act
    const first = deliveryKey(FLOW, source({ body: { ...body(), timestamp: 1_710_236_487 } }));
    const second = deliveryKey(FLOW, source({ body: { ...body(), timestamp: 1_710_236_519 } }));

    // Assess
    expect(first).toBe(second);
  });

  it('gives the same key whatever order the body keys arrive in', () => {
    // Prepare
    const reordered = reversedKeys(body());

    // Act
    const first = deliveryKey(FLOW, source());
    const second = deliveryKey(FLOW, source({ body: reordered }));

    // Assess
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(fixture));
    expect(first).toBe(second);
  });

  it('gives a different key when anything else in the body changes', () => {
    // Prepare
    const changes: Array<(copy: typeof fixture) => void> = [
      (copy) => {
        copy.conversation_context.customer_email = 'jana.becker@example.com';
      },
      (copy) => {
        copy.custom_data.budget_mentioned = '12.000 €';
      },
      (copy) => {
        copy.custom_data.pain_points.reverse();
      },
    ];

    // Act
    const original = deliveryKey(FLOW, source());
    const changed = changes.map((change) => deliveryKey(FLOW, source({ body: body(change) })));

    // Assess
    for (const key of changed) expect(key).not.toBe(original);
  });

  it('leaves the body it was given untouched', () => {
    // Prepare
    const received = body();

    // Act
    deliveryKey(FLOW, source({ body: received }));

    // Assess
    expect(received).toEqual(fixture);
  });

  it.each([
    ['the Idempotency-Key', { idempotencyKey: 'call-7f3a' }],
    ['the webhook id', { webhookId: 'msg_1' }],
    ['the body', {}],
  ])('runs the same call sent to two flows twice, when keyed by %s', (_, overrides) => {
    // Act
    const lead = deliveryKey('lead-qualification', source(overrides));
    const support = deliveryKey('support-ticket', source(overrides));

    // Assess
    expect(lead).not.toBe(support);
  });
});

describe('executionIdFor', () => {
  it('makes a Step Functions execution name of exec_ and 32 hex digits', () => {
    // Prepare
    const key = deliveryKey(FLOW, source({ idempotencyKey: 'call-7f3a' }));

    // Act
    const executionId = executionIdFor(key);

    // Assess
    expect(executionId).toMatch(/^exec_[0-9a-f]{32}$/);
    expect(executionId.length).toBeLessThanOrEqual(80);
  });

  it('gives a repeated delivery the same execution id and another call a different one', () => {
    // Act
    const first = executionIdFor(deliveryKey(FLOW, source({ webhookId: 'msg_1' })));
    const repeat = executionIdFor(deliveryKey(FLOW, source({ webhookId: 'msg_1' })));
    const other = executionIdFor(deliveryKey(FLOW, source({ webhookId: 'msg_2' })));

    // Assess
    expect(repeat).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    // Prepare
    const value = { b: 1, a: { d: [3, { z: true, y: 'x' }, 1], c: null } };

    // Act
    const json = canonicalJson(value);

    // Assess
    expect(json).toBe('{"a":{"c":null,"d":[3,{"y":"x","z":true},1]},"b":1}');
  });

  it('is the plain JSON of the same value once its keys are sorted', () => {
    // Prepare
    const sorted = {
      custom_data: { budget_mentioned: '120.000 €', pain_points: ['b', 'a'] },
      language: 'de-DE',
    };
    const shuffled = {
      language: 'de-DE',
      custom_data: { pain_points: ['b', 'a'], budget_mentioned: '120.000 €' },
    };

    // Act
    const json = canonicalJson(shuffled);

    // Assess
    expect(json).toBe(JSON.stringify(sorted));
    expect(JSON.parse(json)).toEqual(shuffled);
  });

  it('escapes keys and strings as JSON does', () => {
    // Act
    const json = canonicalJson({ 'say "hi"': 'line\nbreak' });

    // Assess
    expect(json).toBe('{"say \\"hi\\"":"line\\nbreak"}');
  });

  it('writes scalars as JSON', () => {
    expect([
      canonicalJson(42),
      canonicalJson('x'),
      canonicalJson(null),
      canonicalJson(false),
    ]).toEqual(['42', '"x"', 'null', 'false']);
  });
});
