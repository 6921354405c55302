/**
 * `npm start`: boots the local stack and prints where everything is. Data is kept in
 * `.local-data/` across restarts; `--fresh` starts empty. Ctrl-C stops everything.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, STACK_DATA_FOLDERS, startLocalStack } from './stack';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(PROJECT_ROOT, '.local-data') },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'time-scale': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [--fresh] [--port 3000] [--time-scale 0.01]

  --fresh        start with empty data (deletes the stack's data first)
  --data-dir     where data is kept across restarts (default .local-data/)
  --port         port of the local API on 127.0.0.1 (default 3000, or $PORT)
  --time-scale   multiply workflow waits and retry intervals (default 1)

Settings read from the environment: WEBHOOK_TOKENS, WEBHOOK_SIGNING_SECRETS, TIME_BUDGET_MS,
IDEMPOTENCY_TTL_HOURS, DEFAULT_PHONE_REGION, TIME_ZONE, CONNECTOR_TIMEOUT_MS, LOG_LEVEL.`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
if (timeScale !== undefined && !(timeScale > 0)) {
  console.error(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  process.exit(2);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = resolve(values['data-dir']);
if (values.fresh) {
  // Only what the stack itself writes, so a mistyped --data-dir cannot wipe anything else.
  for (const part of STACK_DATA_FOLDERS)
    await rm(join(dataDir, part), { recursive: true, force: true });
}

const started = Date.now();
const stack = await startLocalStack({ dataDir, port, ...(timeScale ? { timeScale } : {}) }).catch(
  (error: Error) => {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(busy ? `Port ${port} is in use; try: npm start -- --port 3001` : error.message);
    process.exit(1);
  },
);

const sample = join('local', 'sample-call.json');
console.log(`
Local stack ready in ${Date.now() - started} ms.

  Webhook   POST ${stack.apiUrl}/webhook/automation/{lead|support|high-value|auto}
  Status    GET  ${stack.apiUrl}/executions/{execution_id}
  Token     ${stack.token}
  Outbox    ${stack.outboxDir}  (e-mails as .eml files)
  Stand-ins CRM ${stack.hubspot.url}/__standin/requests
            Chat ${stack.slack.url}/__standin/requests
            Enrichment ${stack.enrichment.url}/__standin/requests
            SMS ${stack.sns.url}/__standin/requests

Try a call (from the project folder):

  curl -s -X POST ${stack.apiUrl}/webhook/automation/lead \\
    -H 'Authorization: Bearer ${stack.token}' -H 'Content-Type: application/json' \\
    -d @${sample}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the local stack...');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
