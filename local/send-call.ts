/**
 * `npm run call`: sends a call to the webhook the way the voice platform does, with the bearer
 * token and, when a signing secret is set, the Standard Webhooks signature; prints the answer.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { signPayload } from '../functions/intake/authenticate';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    flow: { type: 'string', default: 'lead' },
    token: { type: 'string' },
    secret: { type: 'string' },
    language: { type: 'string' },
    'idempotency-key': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run call -- [FILE] [options]

Sends FILE (default local/sample-call.json) to POST <url>/webhook/automation/<flow>.

  --url URL              where the API is (default http://127.0.0.1:3000)
  --flow FLOW            lead, support, high-value or auto (default lead)
  --token TOKEN          bearer token (default: first of $WEBHOOK_TOKENS, else local-dev-token)
  --secret SECRET        signs the body (default: first of $WEBHOOK_SIGNING_SECRETS, if set)
  --language de          sends Accept-Language
  --idempotency-key KEY  sends Idempotency-Key`);
  process.exit(0);
}

const first = (list: string | undefined) => list?.split(',')[0]?.trim() || undefined;
const file = positionals[0] ?? 'local/sample-call.json';
const body = await readFile(file, 'utf8').catch(() => {
  console.error(`Cannot read ${file}: give the path of a JSON file with the call.`);
  process.exit(2);
});
const token = values.token ?? first(process.env.WEBHOOK_TOKENS) ?? 'local-dev-token';
const secret = values.secret ?? first(process.env.WEBHOOK_SIGNING_SECRETS);

const headers: Record<string, string> = {
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
};
if (secret) {
  const id = `msg_${randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  Object.assign(headers, {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signPayload(secret, id, timestamp, body),
  });
}
if (values.language) headers['accept-language'] = values.language;
if (values['idempotency-key']) headers['idempotency-key'] = values['idempotency-key'];

const target = `${values.url.replace(/\/+$/, '')}/webhook/automation/${values.flow}`;
const started = Date.now();
try {
  const response = await fetch(target, { method: 'POST', headers, body });
  const text = await response.text();
  console.log(`HTTP ${response.status} in ${Date.now() - started} ms${secret ? ' (signed)' : ''}`);
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`Could not reach ${target}: ${(error as Error).message}. Is the stack running?`);
  process.exit(1);
}
