import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStack, PROJECT_ROOT, startLocalStack } from '../../local/stack';
import { runSmokeTest, type SmokeOptions } from '../../scripts/smoke/smoke-test';
import { sampleCall } from '../helpers/calls';
import { takeJobs } from '../helpers/manual-queue';

const SECRET = `whsec_${Buffer.from('the smoke test signing secret, 32+').toString('base64')}`;

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({
    timeScale: 0.001,
    // Signatures required, as a deployment with signing secrets; a short budget for the
    // test that follows a call past it.
    env: { WEBHOOK_SIGNING_SECRETS: SECRET, TIME_BUDGET_MS: '1000', CONNECTOR_TIMEOUT_MS: '1500' },
  });
});
afterAll(() => stack.stop());
beforeEach(async () => {
  for (const standin of [stack.hubspot, stack.slack, stack.enrichment, stack.ses, stack.sns]) {
    standin.reset();
  }
  await takeJobs(stack);
});

const lines: string[] = [];
const smoke = (overrides: Partial<SmokeOptions> = {}) =>
  runSmokeTest({
    url: stack.apiUrl,
    token: stack.token,
    secret: SECRET,
    flow: 'lead',
    body: JSON.stringify(sampleCall()),
    followMs: 20_000,
    pollMs: 100,
    log: (line) => lines.push(line),
    ...overrides,
  });

describe('the smoke test', () => {
  it('passes a stack that handles the signed test call', async () => {
    const verdict = await smoke();

    expect(verdict).toMatchObject({ pass: true, status: 'completed' });
    expect(verdict.summary).toMatch(/^the call was answered completed \(execution exec_\w+\)$/);
    expect(
      stack.hubspot.requests({ method: 'POST', path: '/crm/v3/objects/contacts' }),
    ).toHaveLength(1);
  });

  it('fails a stack that refuses the call, saying why', async () => {
    const verdict = await smoke({
      secret: `whsec_${Buffer.from('another secret').toString('base64')}`,
    });

    expect(verdict.pass).toBe(false);
    expect(verdict.summary).toMatch(/^HTTP 401: /);
  });

  it('follows a call answered accepted until its run has finished', async () => {
    // The CRM hangs once, past the 1 s budget; the retry completes the run.
    stack.hubspot.injectFault({ kind: 'hang', times: 1 });
    lines.length = 0;

    const verdict = await smoke();

    expect(verdict).toMatchObject({ pass: true, status: 'completed' });
    expect(lines.join('\n')).toMatch(/"status": "accepted"/);
    expect(lines.join('\n')).toMatch(/GET .*\/executions\/exec_\w+: completed/);
  });

  it('fails a call that was handed to a person', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    try {
      const verdict = await smoke();

      expect(verdict).toMatchObject({ pass: false, status: 'accepted' });
      expect(verdict.summary).toContain('handed to a person');
    } finally {
      stack.hubspot.clearFaults();
    }
  });
});

describe('npm run smoke', () => {
  const run = (args: string[]) =>
    promisify(execFile)(
      path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      ['scripts/smoke.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      },
    ).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('prints the answer and PASS, and exits 0', async () => {
    const result = await run(['--url', stack.apiUrl, '--token', stack.token, '--secret', SECRET]);

    expect(result.stdout).toMatch(/HTTP 200 in \d+ ms \(signed\)/);
    expect(result.stdout).toContain('"workflow_id": "wf_lead"');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(
      /^PASS: the call was answered completed/,
    );
    expect(result.code).toBe(0);
  });

  it('prints FAIL and exits 1 when the call is refused', async () => {
    const result = await run([
      '--url',
      stack.apiUrl,
      '--token',
      'not-the-token',
      '--secret',
      SECRET,
    ]);

    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^FAIL: HTTP 401: /);
    expect(result.code).toBe(1);
  });

  it('asks for the URL, and for an address to send the confirmation to on a deployed stack', async () => {
    const withoutUrl = await run([]);
    const withoutEmail = await run(['--url', 'https://api.voice-automation.example/prod']);

    expect(withoutUrl).toMatchObject({ code: 2 });
    expect(withoutUrl.stderr).toContain('--url is missing');
    expect(withoutEmail).toMatchObject({ code: 2 });
    expect(withoutEmail.stderr).toContain('--email is missing');
  });
});
