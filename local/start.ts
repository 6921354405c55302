/**
 * `npm start`: boots the local stack and prints where everything is. Data is kept in
 * `.local-data/` across restarts; `--fresh` starts empty. Ctrl-C stops everything.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { USER_SETTINGS } from './local-env';
import { PROJECT_ROOT, STACK_DATA_FOLDERS, startLocalStack } from './stack';
import { localStackInfo, removeStackInfo, writeStackInfo } from './stack-info';

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
  console.log(`Usage: npm start -- [--fresh] [--port 3000] [--data-dir DIR] [--time-scale 0.01]

  --fresh        start with empty data (deletes the stack's data first)
  --data-dir     where data is kept across restarts (default .local-data/)
  --port         port of the local API on 127.0.0.1 (default 3000, or $PORT); the
                 stand-ins and services take the next ten ports (+10: the operations page)
  --time-scale   multiply workflow waits and retry intervals (default 1)

Settings read from the environment (see the README): ${USER_SETTINGS.join(', ')}.`);
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
  (error: NodeJS.ErrnoException & { port?: number }) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${error.port ?? port} is in use (the stack takes ${port} to ${port + 10}); try: npm start -- --port 4000`
        : error.message,
    );
    process.exit(1);
  },
);

// Tools in other processes (npm run queue) find the stack's services through this file.
const stackInfo = await writeStackInfo(dataDir, localStackInfo(stack)).catch((error: Error) => {
  console.error(`Could not write the stack description: ${error.message}`);
  return undefined;
});

const sample = join('local', 'sample-call.json');
// With signing on, a plain curl cannot carry a fresh signature; the call script makes one.
const tryIt = process.env.WEBHOOK_SIGNING_SECRETS?.trim()
  ? `npm run call -- ${sample} --url ${stack.apiUrl}`
  : [
      `curl -s -X POST ${stack.apiUrl}/webhook/automation/lead \\`,
      `    -H 'Authorization: Bearer ${stack.token}' -H 'Content-Type: application/json' \\`,
      `    -d @${sample}`,
    ].join('\n');

console.log(`
Local stack ready in ${Date.now() - started} ms.

  Webhook   POST ${stack.apiUrl}/webhook/automation/{lead|support|high-value|auto}
  Status    GET  ${stack.apiUrl}/executions/{execution_id}
  Ops page  ${stack.opsUrl}/  (executions and their paths, manual queue, outbox, metrics)
  Token     ${stack.token}
  Outbox    ${stack.outboxDir}  (e-mails as .eml files)
  Approvals a lead above 90 e-mails the approver; open the .eml's Approve or Reject link in a
            browser (npm start -- --time-scale 0.0001 plays its reminders and follow-ups in minutes)
  Manual    SQS queue ${stack.sqs.queueUrls.manual}  (jobs for a person: npm run queue -- list)
  Services  ${stackInfo ?? 'not written'}  (the endpoints, for tools such as npm run queue)
  Stand-ins (GET /__standin/requests: what they received; POST /__standin/faults: make them fail)
            CRM         ${stack.hubspot.url}
            Chat        ${stack.slack.url}
            Enrichment  ${stack.enrichment.url}
            E-mail      ${stack.ses.url}
            SMS         ${stack.sns.url}
            Helpdesk    ${stack.hubspot.url}  (tickets, in the CRM stand-in)
            Tracker     ${stack.jira.url}
            Confluence  ${stack.confluence.url}

Try a call (from the project folder):

  ${tryIt}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the local stack...');
  await removeStackInfo(dataDir).catch(() => undefined);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
