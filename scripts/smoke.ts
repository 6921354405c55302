/**
 * `npm run smoke -- --url URL`: sends a signed test call to a deployed stack (or the local one),
 * prints the answer and a PASS or FAIL line, and exits 0 only when the call was handled.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runSmokeTest } from './smoke/smoke-test';

const USAGE = `Usage: npm run smoke -- --url URL [options]

Sends a test call to POST <url>/webhook/automation/<flow>, follows it while it is accepted, and
prints PASS when it was handled (completed, or waiting for approval), FAIL otherwise.

  --url URL          the stage URL: the stack's ApiUrl output (or http://127.0.0.1:3000)
  --token TOKEN      bearer token (default: first of $WEBHOOK_TOKENS, else local-dev-token)
  --secret SECRET    signs the call (default: first of $WEBHOOK_SIGNING_SECRETS, if set)
  --api-key KEY      the voice platform's API key (default: $API_KEY, if set)
  --email ADDRESS    the caller's address in the test call: the confirmation goes there, so
                     use one you read (required for a deployed stack)
  --flow FLOW        lead, support, high-value or auto (default lead)
  --file FILE        the call to send (default local/sample-call.json)
  --wait SECONDS     how long to follow an accepted call (default 60)`;

const fail = (message: string, code: number): never => {
  console.error(message);
  process.exit(code);
};

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    secret: { type: 'string' },
    'api-key': { type: 'string' },
    email: { type: 'string' },
    flow: { type: 'string', default: 'lead' },
    file: { type: 'string', default: 'local/sample-call.json' },
    wait: { type: 'string', default: '60' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.url) fail(`--url is missing.\n\n${USAGE}`, 2);
const url = new URL(values.url ?? '');
const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
if (!local && !values.email) {
  fail('--email is missing: give an address whose confirmation e-mail you can receive.', 2);
}
const wait = Number(values.wait);
if (!Number.isFinite(wait) || wait < 0) fail('--wait takes a number of seconds.', 2);

const first = (list: string | undefined) => list?.split(',')[0]?.trim() || undefined;
const text = await readFile(values.file, 'utf8').catch(() =>
  fail(`Cannot read ${values.file}: give the path of a JSON file with the call.`, 2),
);
let body = text;
if (values.email) {
  const call = JSON.parse(text) as { conversation_context?: Record<string, unknown> };
  call.conversation_context = { ...call.conversation_context, customer_email: values.email };
  body = JSON.stringify(call);
}

const verdict = await runSmokeTest({
  url: url.href,
  token: values.token ?? first(process.env.WEBHOOK_TOKENS) ?? 'local-dev-token',
  secret: values.secret ?? first(process.env.WEBHOOK_SIGNING_SECRETS),
  apiKey: values['api-key'] ?? process.env.API_KEY,
  flow: values.flow,
  body,
  followMs: wait * 1000,
  log: (line) => console.log(line),
});
console.log(`${verdict.pass ? 'PASS' : 'FAIL'}: ${verdict.summary}`);
process.exit(verdict.pass ? 0 : 1);
