/**
 * The cost of 1,000 calls per workflow path, itemised by AWS service: ASL paths for what is
 * counted (transitions, invocations, e-mails), the benchmark's measurements for what is timed.
 */
import type { RunMeasure } from './end-to-end';
import { ASSUMPTIONS, PRICES } from './prices';
import { median } from './stats';
import { countPath, PATHS, type PathCount } from './workflow-paths';

export interface CostLine {
  scenario: string;
  items: Record<string, number>;
  total: number;
}

const EMAIL_FUNCTIONS = new Set(['SendEmail', 'SendSupportEmail', 'RequestApproval']);
const GB = 1024 ** 3;

interface Measured {
  taskMs: (state: string, fn: string) => number;
  responseMs: (workflow: string, paths: string[]) => number;
  executionMs: (workflow: string, paths: string[]) => number;
  writeUnits: (workflow: string) => number;
  readUnits: (workflow: string) => number;
  logBytesPerTransition: number;
}

function measuredFrom(runs: RunMeasure[], taskFunctions: Map<string, string>): Measured {
  const byState = new Map<string, number[]>();
  const byFunction = new Map<string, number[]>();
  for (const run of runs) {
    for (const [state, ms] of Object.entries(run.execution?.tasks ?? {})) {
      byState.set(state, [...(byState.get(state) ?? []), ms]);
      const fn = taskFunctions.get(state) ?? '';
      byFunction.set(fn, [...(byFunction.get(fn) ?? []), ms]);
    }
  }
  const all = [...byState.values()].flat();
  const pick = (workflow: string, paths: string[]) => {
    const chosen = runs.filter((r) => r.workflow === workflow && paths.includes(r.path));
    return chosen.length > 0 ? chosen : runs.filter((r) => r.workflow === workflow);
  };
  const units = (workflow: string, write: boolean) =>
    median(
      runs
        .filter((r) => r.workflow === workflow)
        .map((r) =>
          r.calls
            .filter((c) => c.service === 'dynamodb')
            .filter((c) => /GetItem|Query/.test(c.operation) !== write)
            .reduce(
              (sum, c) =>
                sum +
                (write ? Math.ceil(c.requestBytes / 1024) : Math.ceil(c.responseBytes / 4096)),
              0,
            ),
        ),
    );
  const history = runs.flatMap((r) => (r.execution ? [r.execution] : []));
  return {
    taskMs: (state, fn) => median(byState.get(state) ?? byFunction.get(fn) ?? all),
    responseMs: (workflow, paths) => median(pick(workflow, paths).map((r) => r.responseMs)),
    executionMs: (workflow, paths) => median(pick(workflow, paths).map((r) => r.executionMs)),
    writeUnits: (workflow) => units(workflow, true),
    readUnits: (workflow) => units(workflow, false),
    logBytesPerTransition:
      history.reduce((s, e) => s + e.historyBytes, 0) /
      Math.max(
        1,
        history.reduce((s, e) => s + e.transitions, 0),
      ),
  };
}

interface Scenario {
  name: string;
  workflow: 'lead' | 'support';
  /** Measured end-to-end paths whose timing stands for this scenario. */
  measuredPaths: string[];
  express: PathCount;
  standard: PathCount[];
  extraWriteUnits?: number;
  extraReadUnits?: number;
}

function price(scenario: Scenario, m: Measured): CostLine {
  const tasks = [scenario.express, ...scenario.standard].flatMap((p) => p.tasks);
  const transitionsStandard = scenario.standard.reduce((s, p) => s + p.transitions, 0);
  const transitionsAll = transitionsStandard + scenario.express.transitions;
  const taskGbSeconds = tasks.reduce((s, t) => s + (0.25 * m.taskMs(t.state, t.fn)) / 1000, 0);
  const intakeGbSeconds = (0.5 * m.responseMs(scenario.workflow, scenario.measuredPaths)) / 1000;
  const expressSeconds =
    Math.ceil(m.executionMs(scenario.workflow, scenario.measuredPaths) / 100) / 10;
  const emails = tasks.filter((t) => EMAIL_FUNCTIONS.has(t.fn)).length;
  const sms = tasks.filter((t) => t.fn === 'SendSms').length;
  const logBytes = (tasks.length + 1) * 600 + transitionsAll * m.logBytesPerTransition;
  const per1000 = (usd: number) => usd * 1000;
  const items = {
    'API Gateway REST': per1000(PRICES.apiGatewayRestPerRequest),
    'Lambda requests': per1000((tasks.length + 1) * PRICES.lambdaPerRequest),
    'Lambda duration (intake)': per1000(intakeGbSeconds * PRICES.lambdaArmPerGbSecond),
    'Lambda duration (tasks)': per1000(taskGbSeconds * PRICES.lambdaArmPerGbSecond),
    'Step Functions Express': per1000(
      PRICES.expressPerRequest + (64 / 1024) * expressSeconds * PRICES.expressPerGbSecond,
    ),
    'Step Functions Standard': per1000(transitionsStandard * PRICES.standardPerTransition),
    DynamoDB: per1000(
      (m.writeUnits(scenario.workflow) + (scenario.extraWriteUnits ?? 0)) *
        PRICES.dynamoPerWriteUnit +
        (m.readUnits(scenario.workflow) + (scenario.extraReadUnits ?? 0)) *
          PRICES.dynamoPerReadUnit,
    ),
    'SES e-mail': per1000(emails * PRICES.sesPerEmail),
    'SNS SMS': per1000(sms * PRICES.snsSmsGermany),
    'CloudWatch Logs': per1000((logBytes / GB) * PRICES.logsPerGbIngested),
  };
  return {
    scenario: scenario.name,
    items,
    total: Object.values(items).reduce((s, v) => s + v, 0),
  };
}

export function estimateCosts(root: string, runs: RunMeasure[]) {
  const count = Object.fromEntries(
    Object.entries(PATHS).map(([key, spec]) => [key, countPath(root, spec)]),
  ) as Record<keyof typeof PATHS, PathCount>;
  const taskFunctions = new Map(
    Object.values(count).flatMap((c) => c.tasks.map((t) => [t.state, t.fn] as const)),
  );
  const m = measuredFrom(runs, taskFunctions);
  const scenarios: Scenario[] = [
    {
      name: PATHS.leadPlain.name,
      workflow: 'lead',
      measuredPaths: ['plain'],
      express: count.leadPlain,
      standard: [],
    },
    {
      name: PATHS.leadAllBranches.name,
      workflow: 'lead',
      measuredPaths: ['critical+competitor'],
      express: count.leadAllBranches,
      standard: [],
    },
    {
      name: `${PATHS.leadHandOver.name} + ${PATHS.highValueApproved.name}`,
      workflow: 'lead',
      measuredPaths: ['plain'],
      express: count.leadHandOver,
      standard: [count.highValueApproved],
      extraWriteUnits: 3,
      extraReadUnits: 1,
    },
    {
      name: PATHS.supportSelfService.name,
      workflow: 'support',
      measuredPaths: ['self-service'],
      express: count.supportSelfService,
      standard: [],
    },
    {
      name: `${PATHS.supportEscalated.name} + ${PATHS.slaWatchAnswered.name}`,
      workflow: 'support',
      measuredPaths: ['escalated'],
      express: count.supportEscalated,
      standard: [count.slaWatchAnswered],
    },
  ];
  return {
    paths: Object.entries(PATHS).map(([key, spec]) => ({
      name: spec.name,
      transitions: count[key as keyof typeof PATHS].transitions,
      invocations: count[key as keyof typeof PATHS].tasks.length,
    })),
    lines: scenarios.map((s) => price(s, m)),
    assumptions: ASSUMPTIONS,
  };
}
