import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter, requestJson } from '../../functions/connectors/http-client';
import {
  NetworkError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
} from '../../functions/core/errors';
import {
  type StandinReply,
  type StandinServer,
  startStandinServer,
} from '../../local/standins/standin-server';
import { failureOf } from './fault-cases';

describe('requestJson', () => {
  let server: StandinServer;
  let reply: StandinReply = { status: 200, json: {} };

  beforeAll(async () => {
    server = await startStandinServer({ service: 'fake', handle: () => reply });
  });

  afterAll(() => server.close());

  const call = (extra: { acceptStatuses?: number[] } = {}) =>
    requestJson<unknown>('fake', {
      url: `${server.url}/thing`,
      method: 'POST',
      body: { a: 1 },
      timeoutMs: 2000,
      ...extra,
    });

  it('sends JSON and answers the parsed body', async () => {
    reply = { status: 201, json: { id: '7' } };

    expect(await call()).toMatchObject({ status: 201, body: { id: '7' } });
    expect(server.requests().at(-1)).toMatchObject({
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { a: 1 },
    });
  });

  it('answers an undefined body for 204', async () => {
    reply = { status: 204 };

    expect(await call()).toMatchObject({ status: 204, body: undefined });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const in90s = new Date(Date.now() + 90_000).toUTCString();
    reply = { status: 429, json: {}, headers: { 'retry-after': in90s } };

    const error = await failureOf(call);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(88);
    expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(90);
  });

  it('treats a 2xx answer that is not JSON as ServiceUnavailableError', async () => {
    reply = {
      status: 200,
      text: '<html>maintenance</html>',
      headers: { 'content-type': 'text/html' },
    };

    expect(await failureOf(call)).toBeInstanceOf(ServiceUnavailableError);
  });

  it('keeps only a machine code from a 4xx body, never its free text', async () => {
    reply = {
      status: 400,
      json: {
        category: 'VALIDATION_ERROR',
        message: 'Email maria@acme-industries.example is invalid',
      },
    };

    const error = await failureOf(call);

    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).message).toBe('fake rejected the request with 400: VALIDATION_ERROR');
    expect(JSON.stringify(error)).not.toContain('maria');
  });

  it('returns an accepted 4xx to the caller', async () => {
    reply = { status: 404, json: { category: 'OBJECT_NOT_FOUND' } };

    expect(await call({ acceptStatuses: [404] })).toMatchObject({ status: 404 });
  });

  it('maps a refused connection to NetworkError', async () => {
    const gone = await startStandinServer({ service: 'gone', handle: () => reply });
    await gone.close();

    const error = await failureOf(() =>
      requestJson('gone', { url: `${gone.url}/x`, method: 'GET', timeoutMs: 2000 }),
    );

    expect(error).toBeInstanceOf(NetworkError);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it.each([
    ['120', 120],
    ['0', 0],
    ['Tue, 01 Jan 2030 00:00:30 GMT', 30],
    ['Mon, 31 Dec 2029 23:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('reads %s as %s seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
});
