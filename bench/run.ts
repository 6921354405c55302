/**
 * `npm run bench`: intake cost, cold starts, load, end to end and cost, written to BENCHMARKS.md.
 * `npm run bench -- --quick` runs a short smoke version of every part.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdStarts } from './cold-start';
import { estimateCosts } from './cost';
import { runEndToEnd } from './end-to-end';
import { measureIntakeCost } from './intake-cost';
import { runLoad } from './load';
import { renderReport } from './report';
import { startStackChild } from './stack-client';
import { fixed, progress } from './stats';
import { judgeTargets } from './targets';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', '.out');
const quick = process.argv.includes('--quick');
const settings = quick
  ? { payloads: 2_000, coldRuns: 3, loadSeconds: 5, leadRuns: 6, supportRuns: 1 }
  : { payloads: 10_000, coldRuns: 10, loadSeconds: 20, leadRuns: 30, supportRuns: 3 };

const startedAt = new Date();
await mkdir(OUT, { recursive: true });

progress(`intake cost over ${settings.payloads} payloads`);
const intake = measureIntakeCost(settings.payloads);
progress(
  `intake p50 ${fixed(intake.own.p50, 3)} ms, Powertools way ${fixed(intake.powertools.p50, 3)} ms`,
);

progress(`cold starts: building and importing every function ${settings.coldRuns} times`);
const coldStarts = await measureColdStarts(ROOT, join(OUT, 'bundles'), settings.coldRuns, (name) =>
  progress(`  ${name}`),
);

progress('starting the local stack on 127.0.0.1:3900');
const stack = await startStackChild();
try {
  progress('warm-up (3 s, not reported)');
  await runLoad(stack, 'unique', 3);
  const load = [];
  for (const phase of ['unique', 'storm'] as const) {
    progress(`load: ${phase}, 50 connections, ${settings.loadSeconds} s`);
    const result = await runLoad(stack, phase, settings.loadSeconds);
    progress(
      `  ${fixed(result.requestsPerSecond)} req/s, p99 ${result.p99} ms, ${result.errors} errors`,
    );
    load.push(result);
  }

  progress('end to end: 200 ms on every outside call');
  await stack.putDelayProxies(200);
  const total = settings.leadRuns + 2 * settings.supportRuns;
  const endToEnd = await runEndToEnd(stack, settings.leadRuns, settings.supportRuns, (done) => {
    if (done % 5 === 0 || done === total) progress(`  ${done}/${total} runs`);
  });

  progress('cost from the ASL paths and the measured durations');
  const costs = estimateCosts(ROOT, endToEnd);
  const figures = { intake, load, endToEnd, coldStarts, costs: costs.lines };
  const verdicts = judgeTargets(figures);
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const report = renderReport(figures, costs, verdicts, { quick, startedAt, seconds, ...settings });
  await writeFile(join(ROOT, 'BENCHMARKS.md'), report);
  const slim = { ...figures, endToEnd: endToEnd.map(({ calls: _c, ...run }) => run) };
  await writeFile(join(OUT, 'results.json'), JSON.stringify(slim, null, 2));
  for (const v of verdicts) progress(`${v.met ? 'met   ' : 'MISSED'} ${v.target}: ${v.measured}`);
  progress('BENCHMARKS.md written');
} finally {
  await stack.stop();
}
