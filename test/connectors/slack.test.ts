import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackClient } from '../../functions/connectors/slack';
import {
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
} from '../../functions/core/errors';
import { type SlackStandin, startSlackStandin } from '../../local/standins/slack';
import { type StandinServer, startStandinServer } from '../../local/standins/standin-server';
import { FAULT_CASES, failureOf, SHORT_TIMEOUT_MS } from './fault-cases';

const TOKEN = 'local-test-bot-token';

describe('Slack connector against the Slack stand-in', () => {
  let slack: SlackStandin;

  beforeAll(async () => {
    slack = await startSlackStandin({ token: TOKEN, channels: ['sales', 'enterprise-deals'] });
  });

  beforeEach(() => slack.reset());
  afterAll(() => slack.close());

  const client = (timeoutMs = 2000, token = TOKEN) =>
    createSlackClient({ baseUrl: slack.url, token, timeoutMs });

  it('posts a message and answers its ts and channel id', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*New lead*' } }];

    const posted = await client().postMessage({
      channel: '#sales',
      text: 'New lead: Acme',
      blocks,
    });

    expect(posted).toEqual({
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      channel: expect.stringMatching(/^C/),
    });
    expect(slack.requests()[0]).toMatchObject({
      method: 'POST',
      path: '/api/chat.postMessage',
      headers: { authorization: 'Bearer [redacted]' },
      body: { channel: '#sales', text: 'New lead: Acme', blocks },
    });
    expect(slack.messages()).toMatchObject([{ channel: posted.channel, text: 'New lead: Acme' }]);
  });

  it('rejects an unknown channel with the Slack error code as detail', async () => {
    const error = await failureOf(() => client().postMessage({ channel: '#nowhere', text: 'hi' }));

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).message).toContain('channel_not_found');
  });

  it('rejects a wrong token as invalid_auth', async () => {
    const error = await failureOf(() =>
      client(2000, 'wrong-bot-token').postMessage({ channel: 'sales', text: 'hi' }),
    );

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).message).toContain('invalid_auth');
  });

  it.each(FAULT_CASES)('maps a fault: $title', async ({ fault, error: expected, short }) => {
    slack.injectFault(fault);

    const error = await failureOf(() =>
      client(short ? SHORT_TIMEOUT_MS : 2000).postMessage({ channel: 'sales', text: 'hi' }),
    );

    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(7);
    expect(slack.messages()).toEqual([]);
  });
});

describe('Slack connector reading ok:false answers', () => {
  let fake: StandinServer;
  let answer: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await startStandinServer({
      service: 'slack',
      handle: () => ({ status: 200, json: answer, headers: { 'retry-after': '30' } }),
    });
  });

  afterAll(() => fake.close());

  const post = () =>
    createSlackClient({ baseUrl: fake.url, token: TOKEN, timeoutMs: 2000 }).postMessage({
      channel: 'sales',
      text: 'hi',
    });

  it('maps ratelimited to RateLimitedError with Retry-After', async () => {
    answer = { ok: false, error: 'ratelimited' };

    const error = await failureOf(post);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 30 });
  });

  it.each(['service_unavailable', 'fatal_error', 'internal_error'])(
    'maps %s to ServiceUnavailableError',
    async (code) => {
      answer = { ok: false, error: code };

      expect(await failureOf(post)).toBeInstanceOf(ServiceUnavailableError);
    },
  );
});
