/** Starts bench/stack-child.ts in a child process and asks it questions over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProxiedCall } from './delay-proxy';
import type { ExecutionSummary } from './stack-child';

export interface StackClient {
  apiUrl: string;
  token: string;
  executions(from?: number): Promise<ExecutionSummary[]>;
  calls(from: number): Promise<ProxiedCall[]>;
  /** Executions the engine started so far, and how many of them reused a name already run. */
  starts(): Promise<{
    started: number;
    duplicates: number;
    names: Array<{ name: string; machine: string }>;
  }>;
  putDelayProxies(delayMs: number): Promise<void>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./stack-child.ts', import.meta.url));

export async function startStackChild(): Promise<StackClient> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    // The AWS SDK's Node.js version notice would repeat in the middle of the progress lines.
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const ready = new Promise<{ apiUrl: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The local stack did not start in 60 s')),
      60_000,
    );
    child.on('message', (message: { ready?: boolean; id?: number; result?: unknown }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message as { apiUrl: string; token: string });
      }
      if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    });
    child.once('exit', (code) => reject(new Error(`The local stack exited with ${code}`)));
  });
  const ask = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, (result) => {
        waiting.delete(id);
        resolve(result as T);
      });
      child.send({ ...command, id });
    });

  const { apiUrl, token } = await ready;
  return {
    apiUrl,
    token,
    executions: (from = 0) => ask({ command: 'executions', from }),
    calls: (from) => ask({ command: 'calls', from }),
    starts: () => ask({ command: 'starts' }),
    putDelayProxies: (delayMs) => ask({ command: 'proxy', delayMs }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await Promise.race([ask({ command: 'stop' }), exited]);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
