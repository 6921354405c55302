/**
 * `npm run privacy -- export EMAIL | erase EMAIL --yes`: a data-protection request through the
 * admin endpoint (`POST /admin/privacy/{action}`) of the local stack or of a deployed stack.
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../local/handlers';
import { LOCAL_SECRETS } from '../local/local-env';
import { readStackInfo } from '../local/stack-info';

const USAGE = `Usage: npm run privacy -- <export|erase> EMAIL [options]

  export EMAIL      everything held on the person, as JSON (stdout, or --out FILE)
  erase EMAIL       deletes it: calls, steps, approvals, queued jobs, running approvals and the
                    CRM contact (asks for --yes)

  --url URL         the API (default: the local stack of npm start, from .local-data/stack.json)
  --token TOKEN     an admin token (default: first of $ADMIN_TOKENS, else the local one)
  --actor NAME      who asks, for the audit trail (default: your user name)
  --out FILE        where export writes the JSON
  --yes             confirms an erasure
  --data-dir DIR    the local stack's data folder (default .local-data)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    actor: { type: 'string' },
    out: { type: 'string' },
    yes: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [action, email, ...extra] = positionals;
if (action !== 'export' && action !== 'erase') fail(`Say export or erase.\n\n${USAGE}`);
if (!email || extra.length > 0) fail(`Give exactly one e-mail address.\n\n${USAGE}`);
if (action === 'erase' && !values.yes) {
  fail(`Erasing deletes everything held on ${email} for good; add --yes to go ahead.`);
}

async function apiUrl(): Promise<string> {
  if (values.url) return values.url.replace(/\/+$/, '');
  const info = await readStackInfo(values['data-dir'] ?? join(PROJECT_ROOT, '.local-data'));
  if (!info)
    fail(
      'No local stack found; start it with npm start (pass --data-dir DIR for one started with ' +
        '--data-dir), or pass --url of a deployed API.',
      1,
    );
  return info.endpoints.api;
}

const url = `${await apiUrl()}/admin/privacy/${action}`;
const token =
  values.token ?? process.env.ADMIN_TOKENS?.split(',')[0]?.trim() ?? LOCAL_SECRETS.adminToken;
const actor = (values.actor ?? userInfo().username).replace(/[^\w.@-]/g, '').slice(0, 64);

let response: Response;
try {
  response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-actor': actor || 'unnamed',
    },
    body: JSON.stringify({ email }),
  });
} catch (error) {
  fail(`Could not reach ${url}: ${(error as Error).message}. Is the stack running?`, 1);
}
const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
if (!response.ok) fail(`HTTP ${response.status}: ${String(answer.error ?? 'no details')}`, 1);

if (action === 'export') {
  const text = JSON.stringify(answer, null, 2);
  if (values.out) {
    await writeFile(values.out, `${text}\n`, { mode: 0o600 });
    console.error(`Exported to ${values.out} (request ${String(answer.request_id)}).`);
  } else {
    console.log(text);
  }
} else {
  const erased = answer.erased as Record<string, number | boolean>;
  console.log(
    `Erased (request ${String(answer.request_id)}): ${erased.calls} calls, ${erased.records} records, ` +
      `${erased.approvals} approvals, ${erased.queuedJobs} queued jobs, ${erased.stoppedRuns} running ` +
      `workflows stopped, ${erased.crmContacts} CRM contacts deleted.`,
  );
}
