/**
 * `npm run queue -- <command>`: lists, shows, replays and discards the jobs of the manual
 * processing queue, on the local stack of `npm start` or on a deployed stack.
 */
import { createInterface } from 'node:readline/promises';
import { PROJECT_ROOT } from '../local/handlers';
import { runQueueCli } from './queue/queue-cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Embedded metric lines mean something in a Lambda log only; here they would garble the output.
process.env.METRICS_DISABLED = 'true';

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

process.exitCode = await runQueueCli(process.argv.slice(2), {
  projectRoot: PROJECT_ROOT,
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: Boolean(process.stdin.isTTY),
    confirm,
  },
});
