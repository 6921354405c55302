import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsSender } from '../../functions/connectors/sms';
import { RateLimitedError, UpstreamRejectedError } from '../../functions/core/errors';
import { type LocalSns, startLocalSns } from '../../local/aws/sns';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

describe('SMS connector against the local SNS endpoint', () => {
  let sns: LocalSns;

  beforeAll(async () => {
    sns = await startLocalSns();
  });

  beforeEach(() => sns.reset());
  afterAll(() => sns.close());

  const sender = (timeoutMs = 5000) =>
    createSmsSender({
      client: new SNSClient({
        endpoint: sns.url,
        region: 'eu-central-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
      senderId: 'AcmeSales',
      timeoutMs,
    });

  it('publishes a transactional SMS to a phone number', async () => {
    const { messageId } = await sender().send({
      to: '+4915112345678',
      text: 'Kritischer Lead: Acme, bitte zurückrufen.',
    });

    expect(sns.messages()).toEqual([
      {
        messageId,
        to: '+4915112345678',
        text: 'Kritischer Lead: Acme, bitte zurückrufen.',
        attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional', 'AWS.SNS.SMS.SenderID': 'AcmeSales' },
        at: expect.any(String),
      },
    ]);
    expect(sns.requests()[0]).toMatchObject({
      method: 'POST',
      path: '/',
      body: { Action: 'Publish', PhoneNumber: '+4915112345678' },
      headers: { authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 \[redacted\]$/) },
    });
  });

  it('maps an invalid phone number (InvalidParameter) to UpstreamRejectedError', async () => {
    const error = await failureOf(() => sender().send({ to: '0151 1234', text: 'hi' }));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ status: 400 });
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    sns.injectFault(fault);

    const error = await failureOf(() =>
      sender(short ? SHORT_TIMEOUT_MS : 5000).send({ to: '+4915112345678', text: 'hi' }),
    );

    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(sns.messages()).toEqual([]);
  });
});
