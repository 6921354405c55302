import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../local/handlers';
import type { LocalStackInfo } from '../../local/stack-info';
import { postCall, sampleCall } from '../helpers/calls';
import { npmStart, type StartedStack } from '../helpers/npm-start';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function emptyFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'queue-cli-'));
  folders.push(folder);
  return folder;
}

/** `npm run queue -- ...args` as a person runs it, without a terminal on standard input. */
async function queue(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/queue.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

/** A port that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run queue on the command line', () => {
  it('prints its usage with --help', async () => {
    const { code, out } = await queue('--help');

    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run queue -- <command> \[options\]\n/);
    expect(out).toContain('  replay --all ');
  });

  it('names an unknown command and exits 2', async () => {
    const { code, err } = await queue('requeue');

    expect(code).toBe(2);
    expect(err).toBe(
      'Unknown command "requeue": use list, show, replay or discard.\n' +
        'npm run queue -- --help shows the commands and options.\n',
    );
  });

  it('asks for the job id a command needs and exits 2', async () => {
    const show = await queue('show');
    const replay = await queue('replay');

    expect(show.code).toBe(2);
    expect(show.err).toContain('show needs a job id; npm run queue -- list shows them.');
    expect(replay.code).toBe(2);
    expect(replay.err).toContain('replay needs a job id (or --all for every job);');
  });

  it('says where it looked for a local stack and how to start one', async () => {
    const dataDir = await emptyFolder();

    const { code, err } = await queue('list', '--data-dir', dataDir);

    expect(code).toBe(1);
    expect(err).toBe(
      `no local stack found at ${join(dataDir, 'stack.json')}; start it with npm start ` +
        '(pass --data-dir DIR for one started with --data-dir), or pass --stack NAME for AWS\n',
    );
  });

  it('says the same of a stack.json whose stack does not answer', async () => {
    const dataDir = await emptyFolder();
    const gone = `http://127.0.0.1:${await closedPort()}`;
    const info: LocalStackInfo = {
      region: 'eu-central-1',
      endpoints: { api: gone, dynamodb: gone, sqs: gone, stepFunctions: gone },
      manualQueueUrl: `${gone}/queues/manual-processing`,
      callsTable: 'calls',
      stateMachines: {},
      callTtlSeconds: 86_400,
      pid: 1,
      startedAt: '2026-03-02T09:00:00.000Z',
    };
    await writeFile(join(dataDir, 'stack.json'), JSON.stringify(info));

    const { code, err } = await queue('list', '--data-dir', dataDir);

    expect(code).toBe(1);
    expect(err).toMatch(
      /^no local stack found at .+stack\.json \(it does not answer: \w+\); start it with npm start \(pass --data-dir DIR for one started with --data-dir\), or pass --stack NAME for AWS\n$/,
    );
  });

  it('refuses to discard without --yes when standard input is not a terminal', async () => {
    const dataDir = await emptyFolder();

    const { code, err } = await queue('discard', 'job_0123', '--data-dir', dataDir);

    expect(code).toBe(2);
    expect(err).toContain('Not discarding job_0123: standard input is not a terminal');
    expect(err).toContain('pass --yes.');
  });
});

/** `npm start` in a folder of its own, ready when it says so. */
function startIn(dataDir: string): Promise<StartedStack> {
  return npmStart(['--port', '0', '--data-dir', dataDir, '--time-scale', '0.001'], {
    CONNECTOR_TIMEOUT_MS: '300',
  });
}

describe('npm run queue against npm start', () => {
  it('finds the stack through its stack.json, lists a job, and finds none once it stopped', async () => {
    const dataDir = await emptyFolder();
    const started = await startIn(dataDir);
    const info = JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8')) as LocalStackInfo;
    const crmUrl = /CRM\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1] ?? '';
    await fetch(`${crmUrl}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 503, times: 'always' }),
    });
    const answer = await postCall(
      info.endpoints.api,
      sampleCall({ conversation_context: { customer_email: 'npm-start@initrode.example' } }),
    );
    const jobId = (answer.body.results?.manual_processing as { job_id?: string })?.job_id ?? '';

    const listed = await queue('list', '--data-dir', dataDir);
    const stopped = await new Promise((resolve) => {
      started.child.once('exit', resolve);
      started.child.kill('SIGINT');
    });
    const afterwards = await queue('list', '--data-dir', dataDir);

    expect(info.stateMachines).toMatchObject({
      lead: expect.stringMatching(/^arn:aws:states:eu-central-1:\d+:stateMachine:/),
      support: expect.any(String),
      'high-value': expect.any(String),
    });
    expect(info.callsTable).toBe('calls');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(
      new RegExp(
        `^${jobId} +failed-run +lead +${answer.body.execution_id} .+ lead\\.CheckCrmForDuplicate$`,
        'm',
      ),
    );
    expect(listed.out).toContain('\n1 job in the queue.\n');
    expect(stopped).toBe(0);
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(false);
    expect(afterwards.code).toBe(1);
    expect(afterwards.err).toContain('no local stack found at');
  });
});
