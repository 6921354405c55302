import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../local/stack';
import { postCall, sampleCall } from '../helpers/calls';
import { npmStart } from '../helpers/npm-start';

const dataDir = await mkdtemp(join(tmpdir(), 'start-command-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  crmUrl: string;
}

/** Runs `npm start`'s script as a person would, and waits for its ready message. */
async function start(...args: string[]): Promise<Started> {
  const started = await npmStart(['--port', '0', '--data-dir', dataDir, ...args]);
  const output = started.output();
  const apiUrl = /Webhook\s+POST (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  const crmUrl = /CRM\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  return { ...started, apiUrl, crmUrl };
}

/** Runs a script of the project to its end, as `npm run` would. */
async function runToEnd(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGINT');
  });
}

describe('npm start', () => {
  it('prints a working call, keeps its data across a restart and stops cleanly on Ctrl-C', async () => {
    const first = await start('--fresh');
    expect(first.output()).toContain("-H 'Authorization: Bearer local-dev-token'");
    expect(first.output()).toContain('-d @local/sample-call.json');

    const answer = await postCall(first.apiUrl, sampleCall());
    expect(answer.body.status).toBe('completed');
    const sent = await runToEnd('local/send-call.ts', ['--url', first.apiUrl, '--language', 'de']);
    expect(sent.code).toBe(0);
    expect(sent.output).toMatch(/^HTTP 200 in \d+ ms\n/);
    expect(sent.output).toContain('"message": "Perfekt!');
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('Stopping the local stack...');

    const second = await start();
    const repeat = await postCall(second.apiUrl, sampleCall());
    const crm = (await (await fetch(`${second.crmUrl}/__standin/requests`)).json()) as {
      requests: unknown[];
    };
    expect(await stop(second)).toBe(0);

    expect(repeat.body.execution_id).toBe(answer.body.execution_id);
    expect(repeat.body.status).toBe('completed');
    expect(crm.requests).toEqual([]);
  });

  it('says which option is wrong', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'local/start.ts', '--port', 'eighty'],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let errors = '';
    child.stderr?.on('data', (chunk) => {
      errors += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('--port must be a number from 0 to 65535, got "eighty"');
  });

  it('refuses to start with a bad setting, naming every one and what it accepts', async () => {
    const { code, output } = await runToEnd(
      'local/start.ts',
      ['--port', '0', '--data-dir', dataDir],
      {
        TIME_BUDGET_MS: 'ten seconds',
        TIME_ZONE: 'Mars/Olympus',
        FOLLOW_UP_HOUR: '25',
      },
    );

    expect(code).toBe(1);
    expect(output).toContain('TIME_BUDGET_MS: a whole number from 1 up');
    expect(output).toContain('TIME_ZONE: an IANA time zone such as Europe/Berlin');
    expect(output).toContain('FOLLOW_UP_HOUR: a whole number from 0 to 23');
  });
});
