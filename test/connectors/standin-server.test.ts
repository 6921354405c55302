import { afterEach, describe, expect, it } from 'vitest';
import { type StandinServer, startStandinServer } from '../../local/standins/standin-server';

describe('stand-in server', () => {
  let server: StandinServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async () => {
    server = await startStandinServer({
      service: 'fake',
      handle: (req) => ({ status: 200, json: { path: req.path } }),
      state: () => ({ answer: 42 }),
    });
    return server;
  };

  it('listens on 127.0.0.1 and redacts secrets in the records', async () => {
    const fake = await start();

    await fetch(`${fake.url}/a?x=1`, { headers: { authorization: 'Bearer s3cret' } });

    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [recorded] = fake.requests();
    expect(recorded).toMatchObject({ method: 'GET', path: '/a', query: { x: '1' } });
    expect(recorded?.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(fake.requests())).not.toContain('s3cret');
  });

  it('injects a fault for the given number of matching requests only', async () => {
    const fake = await start();
    fake.injectFault({ kind: 'status', status: 503, times: 2, path: '/crm/*' });

    const statuses = [];
    for (const path of ['/other', '/crm/a', '/crm/b', '/crm/c']) {
      statuses.push((await fetch(`${fake.url}${path}`)).status);
    }

    expect(statuses).toEqual([200, 503, 503, 200]);
  });

  it('is controlled over HTTP under /__standin/', async () => {
    const fake = await start();
    const control = `${fake.url}/__standin`;

    const injected = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 429, retryAfterSeconds: 3 }),
    });
    const faulted = await fetch(`${fake.url}/x`);
    const listed = (await (await fetch(`${control}/requests?path=/x`)).json()) as {
      requests: unknown[];
    };
    const state = await (await fetch(`${control}/state`)).json();
    const invalid = await fetch(`${control}/faults`, { method: 'POST', body: '{"kind":"melt"}' });
    const asForm = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"kind":"drop","path":"/never"}',
    });
    await fetch(`${control}/reset`, { method: 'POST' });

    expect(injected.status).toBe(201);
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('3');
    expect(listed.requests).toHaveLength(1);
    expect(state).toEqual({ service: 'fake', state: { answer: 42 } });
    expect(invalid.status).toBe(400);
    expect(asForm.status).toBe(201);
    expect(fake.requests()).toEqual([]);
  });

  it('replays the same random faults for the same seed', async () => {
    const fake = await start();
    const run = async () => {
      fake.reset();
      fake.injectRandomFaults({ seed: 42, rate: 0.5, kinds: [{ kind: 'status', status: 502 }] });
      const statuses = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await fetch(`${fake.url}/r`)).status);
      return statuses;
    };

    const first = await run();
    const second = await run();

    expect(first).toEqual(second);
    expect(first).toContain(502);
    expect(first).toContain(200);
  });

  it('closes while a request hangs', async () => {
    const fake = await start();
    fake.injectFault({ kind: 'hang' });
    const pending = fetch(`${fake.url}/slow`).catch((error: unknown) => error);
    await waitFor(() => fake.requests().length === 1);

    await fake.close();
    server = undefined;

    expect(await pending).toBeInstanceOf(TypeError);
  });
});

/** Polls with a deadline instead of sleeping a fixed time. */
async function waitFor(condition: () => boolean, deadlineMs = 2000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
