/** `npm start`'s script run as a person runs it, in a child process, ready when it says so. */
import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../local/handlers';

export interface StartedStack {
  child: ChildProcess;
  output: () => string;
}

export async function npmStart(args: string[], env: NodeJS.ProcessEnv = {}): Promise<StartedStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}
