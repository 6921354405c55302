/** What each address of the operations page answers, given the stack's pieces. */
import { intakeConfig } from '../../functions/core/config';
import { workflowOfMachine } from '../../functions/core/ended-runs';
import type { ReplayTarget } from '../../functions/core/replay-job';
import { workflowConfig } from '../../functions/core/workflow-config';
import type { LocalSes } from '../aws/ses';
import type { LocalMetrics } from '../metrics';
import type { LocalStepFunctions } from '../stepfunctions/engine';
import { listExecutions } from './execution-list';
import { executionPage } from './execution-page';
import { findExecution } from './execution-summary';
import { executionsPage } from './executions-page';
import type { Html } from './html';
import { metricsPage } from './metrics-page';
import { metricSeries } from './metrics-series';
import { openMail, outboxEntries } from './outbox-mail';
import { mailPage, outboxPage } from './outbox-page';
import type { QueueDepth } from './queue-depth';
import { QueueOperator } from './queue-operator';
import { queuePage } from './queue-page';
import { staticAsset } from './static-assets';

export interface OpsSources {
  stepFunctions: LocalStepFunctions;
  ses: LocalSes;
  outboxDir: string;
  metrics: LocalMetrics;
  manualQueueUrl: string;
}

export type Reply =
  | { status: number; html: Html }
  | { status: number; json: unknown }
  | { status: number; body: Buffer; type: string }
  | { status: 303; location: string }
  | { status: number; text: string };

export type Route = (match: RegExpExecArray, query: URLSearchParams) => Promise<Reply>;

export interface RouteTable {
  GET: Array<[RegExp, Route]>;
  POST: Array<[RegExp, Route]>;
}

export function opsRoutes(sources: OpsSources, depth: QueueDepth): RouteTable {
  const engine = sources.stepFunctions;
  const queue = new QueueOperator(sources.manualQueueUrl, () => replayTarget(engine));
  const page = async (html: Promise<Html> | Html): Promise<Reply> => ({
    status: 200,
    html: await html,
  });
  const notFound = (what: string): Reply => ({ status: 404, text: `${what} not found` });
  const series = async () => {
    await depth.sample();
    return metricSeries(sources.metrics.points(), depth.samples());
  };
  const jobs = () =>
    queue
      .list()
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

  return {
    GET: [
      [/^\/$/, async () => ({ status: 303, location: '/executions' })],
      [/^\/executions$/, (_, query) => page(executionsPage(engine, query))],
      [
        /^\/executions\/([^/]+)\/([^/]+)$/,
        async (match) => {
          const execution = findExecution(engine, decode(match[1]), decode(match[2]));
          return execution ? page(executionPage(engine, execution)) : notFound('Execution');
        },
      ],
      [/^\/queue$/, async () => page(queuePage(engine, await jobs(), queue.recentActions()))],
      [
        /^\/outbox$/,
        async () =>
          page(outboxPage(await outboxEntries(sources.outboxDir, sources.ses), sources.outboxDir)),
      ],
      [
        /^\/outbox\/([^/]+)$/,
        async (match) => {
          const mail = await openMail(sources.outboxDir, sources.ses, decode(match[1]));
          return mail ? page(mailPage(mail)) : notFound('E-mail');
        },
      ],
      [/^\/metrics$/, async () => page(metricsPage(await series()))],
      [/^\/api\/metrics$/, async () => ({ status: 200, json: await series() })],
      [
        /^\/api\/executions$/,
        async (_, query) => ({
          status: 200,
          json: await listExecutions(engine, {
            ...(query.get('flow') ? { flow: query.get('flow') ?? '' } : {}),
            ...(query.get('status') ? { status: query.get('status') ?? '' } : {}),
          }),
        }),
      ],
      [
        /^\/assets\/[\w.-]+$/,
        async (match) => {
          const asset = await staticAsset(match[0]);
          return asset ? { status: 200, ...asset } : notFound('File');
        },
      ],
    ],
    POST: [
      [
        /^\/queue\/([^/]+)\/(replay|discard)$/,
        async (match) => {
          const id = decode(match[1]);
          await (match[2] === 'replay' ? queue.replay(id) : queue.discard(id));
          return { status: 303, location: '/queue' };
        },
      ],
    ],
  };
}

/** What a replay from the page works on: the stack's table, state machines and record lifetime. */
function replayTarget(engine: LocalStepFunctions): ReplayTarget {
  const stateMachines: Record<string, string> = {};
  for (const arn of engine.machines.keys()) {
    const workflow = workflowOfMachine(arn);
    if (workflow) stateMachines[workflow] = arn;
  }
  return {
    callsTable: workflowConfig().callsTable,
    stateMachines,
    ttlSeconds: intakeConfig().idempotencyTtlSeconds,
  };
}

function decode(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    return '';
  }
}
