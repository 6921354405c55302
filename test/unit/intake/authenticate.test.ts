import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type SignatureHeaders,
  signPayload,
  UnauthorizedError,
  verifyBearer,
  verifySignature,
} from '../../../functions/intake/authenticate';
import fixture from '../../fixtures/call-body.json';

const TOKENS = ['tok_live_4f9c2a71e3b8', 'tok_next_9d01b7c45e2f'] as const;

// The published Standard Webhooks test vector (standard-webhooks/standard-webhooks, spec tests).
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const TOLERANCE_SECONDS = 300;
const BODY = JSON.stringify(fixture);
const NOW_SECONDS = 1_710_236_487;
const NOW_MS = NOW_SECONDS * 1000;
const SECRET = `whsec_${Buffer.from('c0ffee-signing-key-for-the-tests').toString('base64')}`;
const NEXT_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** What a sender computes, written out from the scheme rather than taken from signPayload. */
function senderSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function headers(overrides: Partial<SignatureHeaders> = {}): SignatureHeaders {
  return {
    id: 'msg_2dTnB7bJ0jYqkT8a1o3vQ',
    timestamp: String(NOW_SECONDS),
    signature: senderSignature(SECRET, 'msg_2dTnB7bJ0jYqkT8a1o3vQ', NOW_SECONDS, BODY),
    ...overrides,
  };
}

function rejection(action: () => void): UnauthorizedError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedError);
    return error as UnauthorizedError;
  }
  throw new Error('expected the request to be refused');
}

describe('verifyBearer', () => {
  it('accepts the current token', () => {
    // Prepare
    const authorization = `Bearer ${TOKENS[0]}`;

    // Act
    const act = () => verifyBearer(authorization, TOKENS);

    // Assess
    expect(act).not.toThrow();
  });

  it('accepts any of the tokens that are active during a rotation', () => {
    // Act
    const act = () => verifyBearer(`Bearer ${TOKENS[1]}`, TOKENS);

    // Assess
    expect(act).not.toThrow();
  });

  it.each([
    ['a lower-case scheme', `bearer ${TOKENS[0]}`],
    ['several spaces after the scheme', `Bearer    ${TOKENS[0]}`],
    ['a tab after the scheme', `Bearer\t${TOKENS[0]}`],
    ['trailing whitespace', `Bearer ${TOKENS[0]}  `],
  ])('accepts a valid token sent with %s', (_, authorization) => {
    expect(() => verifyBearer(authorization, TOKENS)).not.toThrow();
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty Authorization header', ''],
    ['the Basic scheme', `Basic ${Buffer.from(`agent:${TOKENS[0]}`).toString('base64')}`],
    ['the scheme without a token', 'Bearer '],
    ['the token without a scheme', TOKENS[0]],
  ])('asks for a bearer token when the request has %s', (_, authorization) => {
    // Act
    const error = rejection(() => verifyBearer(authorization, TOKENS));

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/Missing bearer token/);
  });

  it.each([
    ['a wrong token', 'Bearer tok_live_000000000000'],
    ['a prefix of a valid token', `Bearer ${TOKENS[0].slice(0, -1)}`],
    ['a valid token with a character appended', `Bearer ${TOKENS[0]}x`],
    ['a valid token in the wrong case', `Bearer ${TOKENS[0].toUpperCase()}`],
    ['a valid token followed by a second word', `Bearer ${TOKENS[0]} extra`],
  ])('refuses %s', (_, authorization) => {
    // Act
    const error = rejection(() => verifyBearer(authorization, TOKENS));

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.expose).toBe(true);
    expect(error.message).not.toContain(TOKENS[0].slice(0, 8));
  });

  it('refuses every token when no token is configured', () => {
    // Act
    const error = rejection(() => verifyBearer(`Bearer ${TOKENS[0]}`, []));

    // Assess
    expect(error.statusCode).toBe(401);
  });

  it('never repeats the offered or the expected token in the error', () => {
    // Prepare
    const offered = 'tok_guess_5e8a1c';

    // Act
    const error = rejection(() => verifyBearer(`Bearer ${offered}`, TOKENS));

    // Assess
    const shown = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.context)}`;
    expect(shown).not.toContain(offered);
    for (const token of TOKENS) expect(shown).not.toContain(token);
  });
});

describe('signPayload', () => {
  it('reproduces the Standard Webhooks reference signature', () => {
    // Act
    const signature = signPayload(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body);

    // Assess
    expect(signature).toBe(SPEC.signature);
  });

  it('signs id, timestamp and body with the decoded whsec_ secret', () => {
    // Prepare
    const expected = senderSignature(SECRET, 'msg_1', NOW_SECONDS, BODY);

    // Act
    const signature = signPayload(SECRET, 'msg_1', NOW_SECONDS, BODY);

    // Assess
    expect(signature).toBe(expected);
  });

  it('uses a secret without the whsec_ prefix as raw text', () => {
    // Prepare
    const raw = 'plain-shared-secret';
    const mac = createHmac('sha256', Buffer.from(raw, 'utf8'))
      .update(`msg_1.${NOW_SECONDS}.${BODY}`)
      .digest('base64');

    // Act
    const signature = signPayload(raw, 'msg_1', NOW_SECONDS, BODY);

    // Assess
    expect(signature).toBe(`v1,${mac}`);
  });
});

describe('verifySignature', () => {
  it('accepts the Standard Webhooks reference delivery', () => {
    // Prepare
    const spec: SignatureHeaders = {
      id: SPEC.id,
      timestamp: String(SPEC.timestamp),
      signature: SPEC.signature,
    };

    // Act
    const act = () =>
      verifySignature(SPEC.body, spec, [SPEC.secret], TOLERANCE_SECONDS, SPEC.timestamp * 1000);

    // Assess
    expect(act).not.toThrow();
  });

  it('accepts a call signed by the sender with the current secret', () => {
    // Act
    const act = () => verifySignature(BODY, headers(), [SECRET], TOLERANCE_SECONDS, NOW_MS);

    // Assess
    expect(act).not.toThrow();
  });

  it('accepts a call signed with the second secret during a rotation', () => {
    // Prepare
    const signature = senderSignature(NEXT_SECRET, 'msg_rot', NOW_SECONDS, BODY);

    // Act
    const act = () =>
      verifySignature(
        BODY,
        headers({ id: 'msg_rot', signature }),
        [SECRET, NEXT_SECRET],
        TOLERANCE_SECONDS,
        NOW_MS,
      );

    // Assess
    expect(act).not.toThrow();
  });

  it('accepts a header with several v1 signatures when one of them matches', () => {
    // Prepare
    const stale = senderSignature(NEXT_SECRET, 'msg_2dTnB7bJ0jYqkT8a1o3vQ', NOW_SECONDS, BODY);
    const signature = `${stale} v1,${randomBytes(32).toString('base64')} ${headers().signature}`;

    // Act
    const act = () =>
      verifySignature(BODY, headers({ signature }), [SECRET], TOLERANCE_SECONDS, NOW_MS);

    // Assess
    expect(act).not.toThrow();
  });

  it('refuses a header whose v1 signatures were all made with other secrets', () => {
    // Prepare
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const signature = [other, NEXT_SECRET]
      .map((secret) => senderSignature(secret, 'msg_2dTnB7bJ0jYqkT8a1o3vQ', NOW_SECONDS, BODY))
      .join(' ');

    // Act
    const error = rejection(() =>
      verifySignature(BODY, headers({ signature }), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/signature does not match/);
  });

  it('ignores a correct signature that is not labelled v1', () => {
    // Prepare
    const signature = headers().signature?.replace(/^v1,/, 'v1a,');

    // Act
    const error = rejection(() =>
      verifySignature(BODY, headers({ signature }), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
  });

  it('refuses a body changed after it was signed', () => {
    // Prepare
    const tampered = BODY.replace('"urgency_level":"high"', '"urgency_level":"critical"');

    // Act
    const error = rejection(() =>
      verifySignature(tampered, headers(), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(tampered).not.toBe(BODY);
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/signature does not match the body/);
  });

  it('refuses a signature replayed under another webhook id', () => {
    // Act
    const error = rejection(() =>
      verifySignature(BODY, headers({ id: 'msg_other' }), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
  });

  it.each([
    ['in the past', -TOLERANCE_SECONDS],
    ['in the future', TOLERANCE_SECONDS],
  ])('accepts a timestamp exactly at the tolerance %s', (_, offset) => {
    // Prepare
    const sentAt = NOW_SECONDS + offset;
    const signed = headers({
      timestamp: String(sentAt),
      signature: senderSignature(SECRET, 'msg_2dTnB7bJ0jYqkT8a1o3vQ', sentAt, BODY),
    });

    // Act
    const act = () => verifySignature(BODY, signed, [SECRET], TOLERANCE_SECONDS, NOW_MS);

    // Assess
    expect(act).not.toThrow();
  });

  it.each([
    ['older than the tolerance', -TOLERANCE_SECONDS - 1],
    ['further in the future than the tolerance', TOLERANCE_SECONDS + 1],
    ['a day old', -86_400],
  ])('refuses a correctly signed body whose timestamp is %s', (_, offset) => {
    // Prepare
    const sentAt = NOW_SECONDS + offset;
    const signed = headers({
      timestamp: String(sentAt),
      signature: senderSignature(SECRET, 'msg_2dTnB7bJ0jYqkT8a1o3vQ', sentAt, BODY),
    });

    // Act
    const error = rejection(() =>
      verifySignature(BODY, signed, [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/timestamp is outside the accepted window/);
  });

  it.each([
    ['a date string', '2024-03-12T09:41:27Z'],
    ['milliseconds with a fraction', `${NOW_SECONDS}.000`],
    ['a negative number', `-${NOW_SECONDS}`],
    ['exponent notation', '1.710236487e9'],
    ['a leading space', ` ${NOW_SECONDS}`],
  ])('refuses a timestamp written as %s', (_, timestamp) => {
    // Act
    const error = rejection(() =>
      verifySignature(BODY, headers({ timestamp }), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/timestamp/);
  });

  it.each([
    ['webhook-id', { id: undefined }],
    ['webhook-timestamp', { timestamp: undefined }],
    ['webhook-signature', { signature: undefined }],
    ['an empty webhook-signature', { signature: '' }],
  ] as const)('asks for the signature headers when %s is missing', (_, missing) => {
    // Act
    const error = rejection(() =>
      verifySignature(BODY, headers(missing), [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/send webhook-id, webhook-timestamp and webhook-signature/);
  });

  it('never repeats the secret, the signature or the body in the error', () => {
    // Prepare
    const signature = senderSignature(NEXT_SECRET, 'x', NOW_SECONDS, BODY);
    const signed = headers({ signature });

    // Act
    const error = rejection(() =>
      verifySignature(BODY, signed, [SECRET], TOLERANCE_SECONDS, NOW_MS),
    );

    // Assess
    const shown = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.context)}`;
    expect(shown).not.toContain(SECRET.slice('whsec_'.length, 20));
    expect(shown).not.toContain(signature.slice(3, 20));
    expect(shown).not.toContain(fixture.conversation_context.customer_email);
  });
});
