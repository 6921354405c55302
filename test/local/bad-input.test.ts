import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../functions/intake/authenticate';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { postCall, sampleCall } from '../helpers/calls';

const SECRET = `whsec_${Buffer.from('local-signing-secret-for-tests').toString('base64')}`;
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    timeScale: 0.001,
    env: { WEBHOOK_TOKENS: 'old-token, new-token', WEBHOOK_SIGNING_SECRETS: SECRET },
  });
});
afterAll(() => stack.stop());

function signed(raw: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signPayload(options.secret ?? SECRET, id, timestamp, raw),
  };
}

/** Sends `raw` signed, with the current token, and checks that nothing ran or was stored. */
async function sendRejected(
  raw: string,
  extra: { flow?: string; headers?: Record<string, string> } = {},
) {
  const executions = stack.stepFunctions.executions.size;
  const crmCalls = stack.hubspot.requests().length;
  const answer = await postCall(stack.apiUrl, undefined, {
    raw,
    token: 'new-token',
    ...(extra.flow ? { flow: extra.flow } : {}),
    headers: { ...signed(raw), ...extra.headers },
  });
  expect(stack.stepFunctions.executions.size).toBe(executions);
  expect(stack.hubspot.requests()).toHaveLength(crmCalls);
  return answer;
}

describe('the intake over HTTP refuses bad input precisely and runs nothing', () => {
  it('accepts either of two rotating tokens with a valid signature', async () => {
    const raw = JSON.stringify(
      sampleCall({ conversation_context: { customer_email: 'ok@initrode.example' } }),
    );
    for (const token of ['old-token', 'new-token']) {
      const answer = await postCall(stack.apiUrl, undefined, { raw, token, headers: signed(raw) });
      expect(answer.status).toBe(200);
    }
  });

  it('treats a captured request replayed with a new Idempotency-Key as the same call', async () => {
    const raw = JSON.stringify(
      sampleCall({ conversation_context: { customer_email: 'replay@initrode.example' } }),
    );
    const headers = signed(raw);
    const original = await postCall(stack.apiUrl, undefined, {
      raw,
      token: 'new-token',
      headers: { ...headers, 'idempotency-key': 'original' },
    });
    const replayed = await postCall(stack.apiUrl, undefined, {
      raw,
      token: 'new-token',
      headers: { ...headers, 'idempotency-key': 'changed' },
    });

    expect(replayed.body.execution_id).toBe(original.body.execution_id);
    expect(stack.hubspot.store.contactByEmail('replay@initrode.example')).toBeDefined();
    expect(
      stack.hubspot
        .requests({ method: 'POST', path: '/crm/v3/objects/contacts' })
        .filter((r) => JSON.stringify(r.body).includes('replay@')),
    ).toHaveLength(1);
  });

  it('rejects a wrong bearer token with 401', async () => {
    const raw = JSON.stringify(sampleCall());
    const answer = await postCall(stack.apiUrl, undefined, {
      raw,
      token: 'guess',
      headers: signed(raw),
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'The bearer token is not valid.' });
  });

  it('rejects a body whose signature was made with another secret', async () => {
    const raw = JSON.stringify(sampleCall());
    const answer = await sendRejected(raw, { headers: signed(raw, { secret: 'whsec_b3RoZXI=' }) });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('The webhook signature does not match the body.');
  });

  it('rejects a body whose signature is older than the five-minute tolerance', async () => {
    const raw = JSON.stringify(sampleCall());
    const stale = Math.floor(Date.now() / 1000) - 301;
    const answer = await sendRejected(raw, { headers: signed(raw, { timestamp: stale }) });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('The webhook timestamp is outside the accepted window.');
  });

  it('rejects a body larger than 256 KB with 413', async () => {
    const body = sampleCall({
      conversation_context: { conversation_summary: 'x'.repeat(270_000) },
    });
    const answer = await sendRejected(JSON.stringify(body));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/at most 262144 are accepted/);
  });

  it('rejects a body that is not JSON with 415 or 400 saying where it broke', async () => {
    const form = await sendRejected('email=a@b.example', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);

    const broken = await sendRejected(
      '{\n  "trigger_source": "mid_call_tool"\n  "conversation_context": {}\n}',
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('The body is not valid JSON: it breaks at line 3, column 3.');
  });

  it('lists every missing or invalid field at once', async () => {
    const body = sampleCall({
      conversation_context: {
        customer_email: '{email}',
        conversation_summary: '',
        detected_intent: 'chit-chat',
        urgency_level: 'extreme',
      },
    });
    const answer = await sendRejected(JSON.stringify(body));

    expect(answer.status).toBe(400);
    const fields = (answer.body.errors as Array<{ field: string }>)
      .map((error) => error.field)
      .sort();
    expect(fields).toEqual([
      'conversation_context.conversation_summary',
      'conversation_context.customer_email',
      'conversation_context.detected_intent',
      'conversation_context.urgency_level',
    ]);
    const intent = (answer.body.errors as Array<{ field: string; allowed?: unknown }>).find(
      (error) => error.field === 'conversation_context.detected_intent',
    );
    expect(intent?.allowed).toEqual([
      'support',
      'sales',
      'information',
      'complaint',
      'partnership',
    ]);
  });

  it('answers 404 naming the known flows for an unknown flow id', async () => {
    const answer = await sendRejected(JSON.stringify(sampleCall()), { flow: 'marketing' });
    expect(answer.status).toBe(404);
    expect(answer.body.known_flows).toEqual(['lead', 'support', 'high-value', 'auto']);
  });

  it('does not let a rejected body poison its key: the corrected delivery runs', async () => {
    const body = sampleCall({
      conversation_context: { customer_email: 'fixme@initrode.example', detected_intent: 'nope' },
    });
    const id = 'msg_same_delivery';
    const raw = JSON.stringify(body);
    const rejected = await postCall(stack.apiUrl, undefined, {
      raw,
      token: 'new-token',
      headers: signed(raw, { id }),
    });
    expect(rejected.status).toBe(400);

    const fixed = JSON.stringify({
      ...body,
      conversation_context: { ...(body.conversation_context as object), detected_intent: 'sales' },
    });
    const accepted = await postCall(stack.apiUrl, undefined, {
      raw: fixed,
      token: 'new-token',
      headers: signed(fixed, { id }),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('completed');
  });

  it('reports an unknown or malformed execution id as 404 and requires the token', async () => {
    const lookup = (id: string, token = 'new-token') =>
      fetch(`${stack.apiUrl}/executions/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await lookup(`exec_${'0'.repeat(32)}`)).status).toBe(404);
    expect((await lookup('../../etc')).status).toBe(404);
    expect((await lookup(`exec_${'0'.repeat(32)}`, 'guess')).status).toBe(401);
  });
});

describe('the local API gateway', () => {
  it('answers a malformed escape in the path with 400 and keeps serving', async () => {
    const malformed = await fetch(`${stack.apiUrl}/executions/%ZZ`, {
      headers: { authorization: 'Bearer new-token' },
    });
    const afterwards = await fetch(`${stack.apiUrl}/executions/exec_${'0'.repeat(32)}`, {
      headers: { authorization: 'Bearer new-token' },
    });

    expect(malformed.status).toBe(400);
    expect(afterwards.status).toBe(404);
  });
});
