/** The targets, judged on the figures, each with why it was missed and what would help. */
import type { ColdStart } from './cold-start';
import type { CostLine } from './cost';
import type { RunMeasure } from './end-to-end';
import type { IntakeCostResult } from './intake-cost';
import type { LoadResult } from './load';
import { fixed, kilobytes, percentile } from './stats';

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
  note: string;
}

export interface Figures {
  intake: IntakeCostResult;
  load: LoadResult[];
  endToEnd: RunMeasure[];
  coldStarts: ColdStart[];
  costs: CostLine[];
}

export function judgeTargets(f: Figures): TargetVerdict[] {
  const intakeBundle = f.coldStarts.find((c) => c.name === 'Intake');
  const heaviest = (intakeBundle?.weights ?? [])
    .slice(0, 4)
    .map((w) => `${w.source} ${kilobytes(w.bytes)}`)
    .join(', ');
  const leadRuns = f.endToEnd.filter((r) => r.workflow === 'lead');
  const ratioP95 = percentile(
    leadRuns.map((r) => r.executionMs / r.criticalPathMs),
    95,
  );
  const leadCost = f.costs[0];
  const loadOk = f.load.every(
    (l) => l.errors === 0 && l.sameNameReruns === 0 && l.executionsStarted === l.distinctCallsSent,
  );
  return [
    {
      target: 'Intake CPU p50 < 0.3 ms',
      measured: `${fixed(f.intake.own.p50, 3)} ms (p99 ${fixed(f.intake.own.p99, 3)} ms)`,
      met: f.intake.own.p50 < 0.3,
      note: 'Most of the time is the validation and normalisation (phone numbers, money, e-mail) and the two SHA-256 hashes; the signature check is one HMAC.',
    },
    {
      target: 'Intake bundle < 250 KB minified',
      measured: intakeBundle ? kilobytes(intakeBundle.minifiedBytes) : 'n/a',
      met: (intakeBundle?.minifiedBytes ?? Number.POSITIVE_INFINITY) < 250 * 1024,
      note: `Heaviest parts: ${heaviest}. zod is imported whole (its classic API with every locale), and the AWS SDK v3 clients are bundled on purpose (lib/handler-function.ts: externalModules []). Together these would reach it: zod/mini (tree-shakable) for the schemas, the runtime's SDK (@aws-sdk/* external) or a thin signed-fetch client for DynamoDB and Step Functions.`,
    },
    {
      target: 'Intake import < 60 ms',
      measured: intakeBundle
        ? `${fixed(intakeBundle.importMs)} ms (${fixed(intakeBundle.importWithoutSourceMapsMs ?? Number.NaN)} ms without --enable-source-maps)`
        : 'n/a',
      met: (intakeBundle?.importMs ?? Number.POSITIVE_INFINITY) < 60,
      note: 'Import time follows the bundle size, and NODE_OPTIONS=--enable-source-maps (set on every function) reads and parses the source map at load, which nearly doubles it. A smaller bundle (above), and source maps applied off the hot path (e.g. only when LOG_LEVEL is DEBUG), would reach it.',
    },
    {
      target: 'Zero errors and zero duplicate executions under load',
      measured: f.load
        .map(
          (l) =>
            `${l.phase}: ${l.errors} errors, ${l.executionsStarted} executions for ${l.distinctCallsSent} calls, ${l.sameNameReruns} re-runs`,
        )
        .join('; '),
      met: loadOk,
      note: 'Duplicates are held off by the conditional put of the call record before StartSyncExecution.',
    },
    {
      target: 'End to end within 1.2 x the critical path (lead)',
      measured: `p95 of execution / critical path: ${fixed(ratioP95, 2)}`,
      met: ratioP95 <= 1.2,
      note: 'The critical path is the longest chain of outside calls that did not overlap (each held 200 ms); the rest is the engine, Lambda-style JSON copies and DynamoDB.',
    },
    {
      target: 'Lead calls < 0.50 USD per 1,000',
      measured: leadCost ? `${fixed(leadCost.total, 3)} USD (${leadCost.scenario})` : 'n/a',
      met: (leadCost?.total ?? Number.POSITIVE_INFINITY) < 0.5,
      note: 'A critical lead adds one SMS (about 0.09 USD each), which dominates its cost; see the cost table.',
    },
  ];
}
