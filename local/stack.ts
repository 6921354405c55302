/**
 * The whole system on one machine: the same handlers and ASL files, AWS wire protocols on
 * loopback (dynalite, SQS, Step Functions, SES and SNS endpoints of our own), and stand-ins
 * of the outside HTTP services. Used by `npm start` and by the tests.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approvalConfig } from '../functions/approval/approval-config';
import { ConfigError, intakeConfig, resetConfig } from '../functions/core/config';
import { sweepStalledCalls } from '../functions/core/ended-runs';
import { logger } from '../functions/core/logger';
import { manualQueueUrl } from '../functions/core/manual-queue';
import { supportConfig } from '../functions/core/support-config';
import { workflowConfig } from '../functions/core/workflow-config';
import { type ApiRoute, apiGatewayHandler, listenOnLoopback } from './api-gateway';
import { type LocalSes, startLocalSes } from './aws/ses';
import { type LocalSns, startLocalSns } from './aws/sns';
import { confluencePages } from './confluence-seed';
import { CRM_SEED } from './crm-seed';
import { startDynamoDb } from './dynamodb';
import { apiRoutes, PROJECT_ROOT } from './handlers';
import { LOCAL_SECRETS, localEnvironment } from './local-env';
import { collectMetrics, type LocalMetrics } from './metrics';
import { startOpsPage } from './ops/ops-server';
import { type LocalSqs, startSqs } from './sqs';
import { startConfluenceStandin } from './standins/confluence';
import { startEnrichmentStandin } from './standins/enrichment';
import { type HubSpotStandin, startHubSpotStandin } from './standins/hubspot';
import { type JiraStandin, startJiraStandin } from './standins/jira';
import { type SlackStandin, startSlackStandin } from './standins/slack';
import type { StandinServer } from './standins/standin-server';
import type { LocalStepFunctions } from './stepfunctions/engine';
import { LOCAL_CONFLUENCE_SPACE, LOCAL_JIRA_PROJECT, SUPPORT_SECRETS } from './support-env';
import { startWorkflows } from './workflows';

const promiseStatics = Promise as unknown as { withResolvers?: unknown };
if (!promiseStatics.withResolvers) {
  // aws-local-stepfunctions 3 relies on it; Node.js 20 does not have it yet.
  promiseStatics.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    return { promise, resolve, reject };
  };
}

export { PROJECT_ROOT };

/** The folders the stack writes below its data folder. */
export const STACK_DATA_FOLDERS = ['dynamodb', 'outbox', 'sqs'] as const;

export interface LocalStackOptions {
  /** Folder for data kept across restarts; in memory when absent. */
  dataDir?: string;
  /** Port of the API; any free one when 0 or absent. The other pieces take the next ports. */
  port?: number;
  /** Multiplies waits, retry intervals and approval times (e.g. 0.001 in tests). */
  timeScale?: number;
  /** Settings such as TIME_BUDGET_MS; defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** How often calls left without an outcome are handed over, as the CDK app's schedule does. */
  sweepEveryMs?: number;
}

export interface LocalStack {
  apiUrl: string;
  stepFunctionsUrl: string;
  token: string;
  outboxDir: string;
  stepFunctions: LocalStepFunctions;
  sqs: LocalSqs;
  ses: LocalSes;
  sns: LocalSns;
  hubspot: HubSpotStandin;
  slack: SlackStandin;
  enrichment: StandinServer;
  jira: JiraStandin;
  confluence: StandinServer;
  metrics: LocalMetrics;
  /** The operations page: executions, the manual queue, the outbox, metrics (local/ops/). */
  opsUrl: string;
  /** Hands over the calls left without an outcome now, rather than at the next sweep. */
  sweep(olderThanSeconds?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const chosen = { ...(options.env ?? process.env) };
  const timeScale = options.timeScale ?? 1;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'voice-call-automation-')));
  const outboxDir = join(dataDir, STACK_DATA_FOLDERS[1]);
  const closers: Array<() => Promise<void>> = [];
  if (!options.dataDir) closers.push(() => rm(dataDir, { recursive: true, force: true }));
  // With a fixed API port the pieces take the next ports, so that their URLs stay the same.
  const near = (offset: number) => (options.port ? options.port + offset : 0);

  try {
    // The API listens first: approval links need its URL; its routes are filled in below.
    const routes: ApiRoute[] = [];
    const api = await listenOnLoopback(apiGatewayHandler(routes), options.port ?? 0);
    closers.push(() => closeServer(api.server));

    const dynamodb = await startDynamoDb(
      options.dataDir ? join(options.dataDir, STACK_DATA_FOLDERS[0]) : undefined,
    );
    closers.push(dynamodb.close);
    const hubspot = await startHubSpotStandin({
      token: LOCAL_SECRETS.hubspotToken,
      port: near(1),
      ...CRM_SEED,
    });
    const slack = await startSlackStandin({ token: LOCAL_SECRETS.slackToken, port: near(2) });
    const enrichment = await startEnrichmentStandin({
      token: LOCAL_SECRETS.enrichmentToken,
      port: near(3),
    });
    const ses = await startLocalSes({ outboxDir, port: near(4) });
    const sns = await startLocalSns({ port: near(5) });
    for (const server of [ses, sns, hubspot, slack, enrichment]) closers.push(() => server.close());
    const workflows = await startWorkflows(near(6), timeScale);
    closers.push(workflows.close);
    const sqs = await startSqs(
      near(7),
      options.dataDir ? join(options.dataDir, STACK_DATA_FOLDERS[2]) : undefined,
    );
    closers.push(sqs.close);
    const jira = await startJiraStandin({
      email: SUPPORT_SECRETS.jiraEmail,
      token: SUPPORT_SECRETS.jiraToken,
      projects: [LOCAL_JIRA_PROJECT],
      port: near(8),
    });
    const confluence = await startConfluenceStandin({
      email: SUPPORT_SECRETS.confluenceEmail,
      token: SUPPORT_SECRETS.confluenceToken,
      pages: confluencePages(LOCAL_CONFLUENCE_SPACE),
      port: near(9),
    });
    for (const server of [jira, confluence]) closers.push(() => server.close());

    const env = localEnvironment(
      {
        api: api.url,
        dynamodb: dynamodb.url,
        stepFunctions: workflows.url,
        sqs: sqs.url,
        manualQueue: sqs.queueUrls.manual,
        ses: ses.url,
        sns: sns.url,
        hubspot: hubspot.url,
        slack: slack.url,
        enrichment: enrichment.url,
        jira: jira.url,
        confluence: confluence.url,
      },
      workflows.machineArns,
      chosen,
      timeScale,
    );
    Object.assign(process.env, env);
    resetConfig();
    checkConfiguration();
    routes.push(...(await apiRoutes()));
    const metrics = collectMetrics();
    closers.push(async () => metrics.detach());
    const ops = await startOpsPage(
      {
        stepFunctions: workflows.engine,
        ses,
        outboxDir,
        metrics,
        manualQueueUrl: sqs.queueUrls.manual,
      },
      { port: near(10) },
    );
    closers.push(ops.close);
    const sweep = (olderThanSeconds?: number) =>
      sweepStalledCalls(workflowConfig().callsTable, olderThanSeconds);
    const sweeper = setInterval(() => {
      sweep().catch((error: unknown) => logger.error('Sweep of stalled calls failed', { error }));
    }, options.sweepEveryMs ?? 60_000);
    sweeper.unref();
    closers.push(async () => clearInterval(sweeper));

    return {
      apiUrl: api.url,
      stepFunctionsUrl: workflows.url,
      token: (env.WEBHOOK_TOKENS ?? '').split(',')[0]?.trim() ?? '',
      outboxDir,
      stepFunctions: workflows.engine,
      sqs,
      ses,
      sns,
      hubspot,
      slack,
      enrichment,
      jira,
      confluence,
      metrics,
      opsUrl: ops.url,
      sweep,
      stop: async () => {
        await Promise.all(closers.reverse().map((close) => close().catch(() => undefined)));
        resetConfig();
      },
    };
  } catch (error) {
    await Promise.all(closers.map((close) => close().catch(() => undefined)));
    throw error;
  }
}

/** Fails at start, naming every bad setting, rather than with a 500 on the first call. */
function checkConfiguration(): void {
  const sections = [intakeConfig, workflowConfig, approvalConfig, supportConfig, manualQueueUrl];
  const problems = sections.flatMap((read) => {
    try {
      read();
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  });
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
