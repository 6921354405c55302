/** Renders the figures as BENCHMARKS.md: the machine, the commands, each table, the targets. */
import os from 'node:os';
import type { estimateCosts } from './cost';
import { PRICE_LABELS, PRICES_AS_OF } from './prices';
import { fixed, kilobytes, percentile } from './stats';
import type { Figures, TargetVerdict } from './targets';

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`]
    .concat(rows.map((row) => `| ${row.join(' | ')} |`))
    .join('\n');

export function machine(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node.js: ${process.version} (Lambda runs Node.js 22 on arm64; figures here are relative)`,
  ].join('\n');
}

function endToEndRows(f: Figures): string[][] {
  const groups = new Map<string, typeof f.endToEnd>();
  for (const run of f.endToEnd) {
    const key = `${run.workflow}: ${run.path}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups].map(([key, runs]) => {
    const p = (pick: (r: (typeof runs)[number]) => number, q: number) =>
      fixed(percentile(runs.map(pick), q), 0);
    return [
      key,
      String(runs.length),
      p((r) => r.executionMs, 50),
      p((r) => r.executionMs, 95),
      p((r) => r.criticalPathMs, 50),
      p((r) => r.serialMs, 50),
      fixed(
        percentile(
          runs.map((r) => r.executionMs / r.criticalPathMs),
          95,
        ),
        2,
      ),
      fixed(
        percentile(
          runs.map((r) => r.serialMs / r.executionMs),
          50,
        ),
        2,
      ),
      runs.map((r) => r.status).join(' ') === ''
        ? ''
        : [...new Set(runs.map((r) => r.status))].join(', '),
    ];
  });
}

export function renderReport(
  f: Figures,
  costs: ReturnType<typeof estimateCosts>,
  verdicts: TargetVerdict[],
  options: {
    quick: boolean;
    startedAt: Date;
    seconds: number;
    coldRuns: number;
    loadSeconds: number;
  },
): string {
  const { intake } = f;
  const ratio = intake.powertools.p50 / intake.own.p50;
  const services = Object.keys(costs.lines[0]?.items ?? {});
  return `# Benchmarks

Written by \`${options.quick ? 'npm run bench -- --quick' : 'npm run bench'}\`${options.quick ? ' (a short smoke run: fewer payloads, runs and seconds; not for quoting)' : ''} on ${options.startedAt.toISOString()} in ${Math.round(options.seconds)} s. Figures come from the benchmark (\`bench/\`), never from tests.

## Machine

${machine()}

## Commands

\`\`\`sh
npm ci
npm run bench            # everything, about 3 minutes; rewrites this file
npm run bench -- --quick # a smoke run in about a minute
\`\`\`

The load and end-to-end parts start the local stack (\`startLocalStack({ port: 3900, timeScale: 0.001 })\`) in a child process on 127.0.0.1:3900-3910, with \`LOG_LEVEL=SILENT\`; autocannon runs in the parent. Bundles are written to \`bench/.out/\`.

## Targets

${table(
  ['Target', 'Measured', 'Met', 'Note'],
  verdicts.map((v) => [v.target, v.measured, v.met ? 'met' : '**missed**', v.note]),
)}

## 1. Intake cost (CPU per request, in-process, no I/O)

${intake.payloads} varied payloads (names, e-mail spellings, phone formats, budgets as "around 60k EUR", "120.000 €", "$80,000", "80-100k", "1.2M EUR", ..., languages, competitors as text or list, template placeholders), each signed with a \`whsec_\` secret; ${intake.rejected} rejected by our validation, ${intake.powertools.rejected} by the Powertools schema. Timed with \`performance.now()\` per request after 500 warm-up requests.

${table(
  ['Pipeline', 'p50 ms', 'p99 ms', 'mean ms'],
  [
    [
      'ours: verifyBearer + verifySignature + checkBodySize/checkMediaType/parseJsonBody + parseCall + deliveryKey + callResponse',
      fixed(intake.own.p50, 3),
      fixed(intake.own.p99, 3),
      fixed(intake.own.mean, 3),
    ],
    [
      'Powertools way: same token, signature and answer; parser ApiGatewayEnvelope + JSONStringified(zod schema) + idempotency key and payload hash (JMESPath `powertools_json(body)`, deep sort, SHA-256)',
      fixed(intake.powertools.p50, 3),
      fixed(intake.powertools.p99, 3),
      fixed(intake.powertools.mean, 3),
    ],
  ],
)}

Powertools / ours at p50: **${fixed(ratio, 2)}**. What was compared: both get the same requests; ours reads the raw body and headers, the Powertools job the API Gateway event built from them (building it is not timed). The Powertools schema checks types, the e-mail and the enums, but does not normalise phone numbers, money, lists or placeholders as \`parseCall\` does, so it does less work. Its persistence layer here has no store (no DynamoDB I/O): only \`getHashedIdempotencyKey\` and \`getHashedPayload\` run, as \`makeIdempotent\` calls them before its conditional write.

## 2. Throughput and latency (local stack over HTTP)

autocannon, 50 connections, ${options.loadSeconds} s per phase, \`POST /webhook/automation/lead\`, each call a new e-mail address (a new execution). In the storm each call is sent 5 times in a row by different connections, so the copies arrive together. The local stack is one Node.js process (API, DynamoDB, Step Functions engine, all handlers, stand-ins) on one of the 2 cores; figures are for this process, not for AWS.

${table(
  [
    'Phase',
    'Requests',
    'Req/s',
    'p50 ms',
    'p99 ms',
    'Errors',
    'Calls sent',
    'Calls answered',
    'Executions started',
    'Same-name re-runs',
    'Answers',
  ],
  f.load.map((l) => [
    l.phase,
    String(l.requests),
    fixed(l.requestsPerSecond),
    String(l.p50),
    String(l.p99),
    String(l.errors),
    String(l.distinctCallsSent),
    String(l.distinctCallsAnswered),
    String(l.executionsStarted),
    String(l.sameNameReruns),
    Object.entries(l.statuses)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', '),
  ]),
)}

Calls sent counts every distinct call a connection started, including those cut off when the clock stopped; their runs started too.

## 3. End to end with 200 ms per outside call

Loopback proxies hold every call to HubSpot, Slack, enrichment, Jira, SES and SNS for 200 ms (DynamoDB is counted, not delayed). Calls are sent one at a time. Critical path: the longest chain of outside calls that ran one after another; serial: all outside calls of the run end to end.

${table(
  [
    'Workflow: path',
    'Runs',
    'Execution p50 ms',
    'p95 ms',
    'Critical path ms',
    'Serial sum ms',
    'p95 execution / critical',
    'Serial / execution (parallelism)',
    'Answers',
  ],
  endToEndRows(f),
)}

## 4. Cold start (deployed bundles)

esbuild as lib/handler-function.ts builds them: ESM, minified, node22, everything bundled, source map, the \`require\` banner. Import time: \`await import()\` in a fresh \`node\` process with \`NODE_OPTIONS=--enable-source-maps\` as deployed, median of ${options.coldRuns}; process: the whole process, start to exit.

${table(
  ['Function', 'Minified', 'Gzipped', 'Import ms', 'Process ms', 'Heaviest parts'],
  f.coldStarts.map((c) => [
    c.name,
    kilobytes(c.minifiedBytes),
    kilobytes(c.gzippedBytes),
    fixed(c.importMs),
    fixed(c.processMs),
    c.weights
      .slice(0, 3)
      .map((w) => `${w.source} ${kilobytes(w.bytes)}`)
      .join(', '),
  ]),
)}

## 5. Cost per 1,000 calls (AWS list prices, eu-central-1)

State transitions and Lambda invocations per path, from the ASL files:

${table(
  ['Path', 'State transitions', 'Task invocations'],
  costs.paths.map((p) => [p.name, String(p.transitions), String(p.invocations)]),
)}

USD per 1,000 calls:

${table(
  ['Scenario', ...services, 'Total'],
  costs.lines.map((line) => [
    line.scenario,
    ...services.map((s) => fixed(line.items[s] ?? 0, 4)),
    `**${fixed(line.total, 3)}**`,
  ]),
)}

Prices assumed (USD, eu-central-1; ${PRICES_AS_OF}; check before quoting):

${Object.values(PRICE_LABELS)
  .map((label) => `- ${label}`)
  .join('\n')}

Assumptions:

${costs.assumptions.map((a) => `- ${a}`).join('\n')}
`;
}
