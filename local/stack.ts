/**
 * The whole system on one machine: the same handlers and ASL files, AWS wire protocols on
 * loopback (dynalite, a Step Functions endpoint, SES and SNS endpoints), and stand-ins of the
 * outside HTTP services. Used by `npm start` and by the tests.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_FUNCTIONS, STATE_MACHINES, TASK_FUNCTIONS } from '../functions/catalog';
import { ConfigError, intakeConfig, resetConfig } from '../functions/core/config';
import { supportConfig } from '../functions/core/support-config';
import { workflowConfig } from '../functions/core/workflow-config';
import { type ApiHandler, apiGatewayHandler, listenOnLoopback } from './api-gateway';
import { type LocalSes, startLocalSes } from './aws/ses';
import { type LocalSns, startLocalSns } from './aws/sns';
import { confluencePages } from './confluence-seed';
import { CRM_SEED } from './crm-seed';
import { startDynamoDb } from './dynamodb';
import { LOCAL_ACCOUNT, LOCAL_REGION, LOCAL_SECRETS, localEnvironment } from './local-env';
import { startConfluenceStandin } from './standins/confluence';
import { startEnrichmentStandin } from './standins/enrichment';
import { type HubSpotStandin, startHubSpotStandin } from './standins/hubspot';
import { type JiraStandin, startJiraStandin } from './standins/jira';
import { type SlackStandin, startSlackStandin } from './standins/slack';
import type { StandinServer } from './standins/standin-server';
import { LocalStepFunctions } from './stepfunctions/engine';
import { stepFunctionsHandler } from './stepfunctions/server';
import type { TaskHandler } from './stepfunctions/task-map';
import { LOCAL_CONFLUENCE_SPACE, LOCAL_JIRA_PROJECT, SUPPORT_SECRETS } from './support-env';

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

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders the stack writes below its data folder. */
export const STACK_DATA_FOLDERS = ['dynamodb', 'outbox'] as const;

export interface LocalStackOptions {
  /** Folder for data kept across restarts; in memory when absent. */
  dataDir?: string;
  /** Port of the API; any free one when 0 or absent. */
  port?: number;
  /** Multiplies waits and retry intervals in the workflows (e.g. 0.01 in tests). */
  timeScale?: number;
  /** Settings such as TIME_BUDGET_MS; defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
}

export interface LocalStack {
  apiUrl: string;
  stepFunctionsUrl: string;
  token: string;
  outboxDir: string;
  stepFunctions: LocalStepFunctions;
  ses: LocalSes;
  sns: LocalSns;
  hubspot: HubSpotStandin;
  slack: SlackStandin;
  enrichment: StandinServer;
  jira: JiraStandin;
  confluence: StandinServer;
  stop(): Promise<void>;
}

async function loadHandler(entry: string): Promise<TaskHandler> {
  const module = (await import(join(PROJECT_ROOT, entry))) as { handler: TaskHandler };
  return module.handler;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const chosen = { ...(options.env ?? process.env) };
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'voice-call-automation-')));
  const outboxDir = join(dataDir, STACK_DATA_FOLDERS[1]);
  const closers: Array<() => Promise<void>> = [];
  if (!options.dataDir) closers.push(() => rm(dataDir, { recursive: true, force: true }));

  try {
    const dynamodb = await startDynamoDb(
      options.dataDir ? join(options.dataDir, 'dynamodb') : undefined,
    );
    closers.push(dynamodb.close);
    // With a fixed API port the pieces take the next ports, so their URLs stay the same.
    const near = (offset: number) => (options.port ? options.port + offset : 0);
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

    const handlers: Record<string, TaskHandler> = {};
    for (const [name, entry] of Object.entries(TASK_FUNCTIONS))
      handlers[name] = await loadHandler(entry);
    const engine = new LocalStepFunctions({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      handlers,
      timeScale: options.timeScale ?? 1,
      taskTimeoutMs: 15_000,
    });
    const substitutions = Object.fromEntries(
      Object.keys(TASK_FUNCTIONS).map((name) => [`${name}Arn`, engine.functionArn(name)]),
    );
    const machineArns: Record<string, string> = {};
    for (const [workflow, machine] of Object.entries(STATE_MACHINES)) {
      const text = await readFile(join(PROJECT_ROOT, machine.file), 'utf8');
      const definition = JSON.parse(
        text.replace(/\$\{(\w+)\}/g, (whole, name: string) => substitutions[name] ?? whole),
      );
      machineArns[workflow] = engine.register(`${workflow}-workflow`, definition, machine.type).arn;
    }
    const sfn = await listenOnLoopback(stepFunctionsHandler(engine), near(6));
    closers.push(() => closeServer(sfn.server));

    const env = localEnvironment(
      {
        dynamodb: dynamodb.url,
        stepFunctions: sfn.url,
        ses: ses.url,
        sns: sns.url,
        hubspot: hubspot.url,
        slack: slack.url,
        enrichment: enrichment.url,
        jira: jira.url,
        confluence: confluence.url,
      },
      machineArns,
      chosen,
    );
    Object.assign(process.env, env);
    resetConfig();
    checkConfiguration();

    const api = await listenOnLoopback(
      apiGatewayHandler([
        {
          method: 'POST',
          path: '/webhook/automation/{flow_id}',
          handler: (await loadHandler(API_FUNCTIONS.Intake)) as ApiHandler,
          timeoutMs: 15_000,
        },
        {
          method: 'GET',
          path: '/executions/{id}',
          handler: (await loadHandler(API_FUNCTIONS.Executions)) as ApiHandler,
          timeoutMs: 5_000,
        },
      ]),
      options.port ?? 0,
    );
    closers.push(() => closeServer(api.server));

    return {
      apiUrl: api.url,
      stepFunctionsUrl: sfn.url,
      token: (env.WEBHOOK_TOKENS ?? '').split(',')[0]?.trim() ?? '',
      outboxDir,
      stepFunctions: engine,
      ses,
      sns,
      hubspot,
      slack,
      enrichment,
      jira,
      confluence,
      stop: async () => {
        for (const execution of engine.executions.values()) {
          if (execution.status === 'RUNNING') execution.abort();
        }
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
  const problems = [intakeConfig, workflowConfig, supportConfig].flatMap((read) => {
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

function closeServer(server: import('node:http').Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
