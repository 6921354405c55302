/**
 * The local stack in a process of its own, so that the load generator does not share its CPU.
 * Answers the benchmark's questions over IPC: executions so far, outside calls, and putting
 * delay proxies in front of the outside services.
 */
import { resetConfig } from '../functions/core/config';
import { startLocalStack } from '../local/stack';
import { type DelayProxy, startDelayProxy } from './delay-proxy';

export const STACK_PORT = 3900;

export interface ExecutionSummary {
  name: string;
  machine: string;
  status: string;
  startedAt: number;
  durationMs: number;
  transitions: number;
  historyBytes: number;
  /** Task state name to the time from entering to leaving it, in ms. */
  tasks: Record<string, number>;
}

export type StackCommand =
  | { id: number; command: 'executions'; from: number }
  | { id: number; command: 'proxy'; delayMs: number }
  | { id: number; command: 'calls'; from: number }
  | { id: number; command: 'starts' }
  | { id: number; command: 'stop' };

const stack = await startLocalStack({
  port: STACK_PORT,
  timeScale: 0.001,
  env: { ...process.env, LOG_LEVEL: 'SILENT' },
});
const proxies: DelayProxy[] = [];

/**
 * Every execution the engine really started, in order. The engine's map keeps one entry per name,
 * so a second run under the same name would hide there; here it shows as a duplicate.
 */
const started: Array<{ name: string; machine: string }> = [];
const startedNames = new Set<string>();
let duplicates = 0;
const engine = stack.stepFunctions;
const start = engine.start.bind(engine);
engine.start = (machineArn, name, input) => {
  const arn = `${machineArn.replace(':stateMachine:', ':execution:')}:${name ?? ''}`;
  const existing = engine.executions.get(arn);
  const execution = start(machineArn, name, input);
  if (execution !== existing) {
    if (startedNames.has(arn)) duplicates += 1;
    startedNames.add(arn);
    started.push({ name: execution.name, machine: execution.machine.name });
  }
  return execution;
};

async function putProxiesInFront(delayMs: number): Promise<void> {
  const outside = {
    HUBSPOT_BASE_URL: ['hubspot', stack.hubspot.url, delayMs],
    SLACK_BASE_URL: ['slack', stack.slack.url, delayMs],
    ENRICHMENT_BASE_URL: ['enrichment', stack.enrichment.url, delayMs],
    JIRA_BASE_URL: ['jira', stack.jira.url, delayMs],
    AWS_ENDPOINT_URL_SESV2: ['ses', stack.ses.url, delayMs],
    AWS_ENDPOINT_URL_SNS: ['sns', stack.sns.url, delayMs],
    // DynamoDB is inside AWS, not an outside call: counted for its request units, not delayed.
    AWS_ENDPOINT_URL_DYNAMODB: ['dynamodb', process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '', 0],
  } as const;
  for (const [variable, [service, url, delay]] of Object.entries(outside)) {
    const proxy = await startDelayProxy(service, url, delay);
    proxies.push(proxy);
    process.env[variable] = proxy.url;
  }
  resetConfig();
}

function summaries(from: number): ExecutionSummary[] {
  return [...stack.stepFunctions.executions.values()].slice(from).map((execution) => {
    const entered = new Map<string, number>();
    const tasks: Record<string, number> = {};
    let transitions = 0;
    for (const event of execution.history) {
      const details = (event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as
        | { name: string }
        | undefined;
      if (event.type.endsWith('StateEntered')) transitions += 1;
      if (!details) continue;
      if (event.type === 'TaskStateEntered') entered.set(details.name, event.timestamp.getTime());
      if (event.type === 'TaskStateExited') {
        tasks[details.name] = event.timestamp.getTime() - (entered.get(details.name) ?? 0);
      }
    }
    return {
      name: execution.name,
      machine: execution.machine.name.replace(/-workflow$/, ''),
      status: execution.status,
      startedAt: execution.startDate.getTime(),
      durationMs: (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime(),
      transitions,
      historyBytes: JSON.stringify(execution.history).length,
      tasks,
    };
  });
}

process.on('message', async (message: StackCommand) => {
  const reply = (result: unknown) => process.send?.({ id: message.id, result });
  if (message.command === 'executions') reply(summaries(message.from));
  if (message.command === 'starts') reply({ started: started.length, duplicates, names: started });
  if (message.command === 'calls') {
    reply(proxies.flatMap((proxy) => proxy.calls.filter((call) => call.startedAt >= message.from)));
  }
  if (message.command === 'proxy') {
    await putProxiesInFront(message.delayMs);
    reply(true);
  }
  if (message.command === 'stop') {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await stack.stop();
    reply(true);
    process.exit(0);
  }
});
process.send?.({ ready: true, apiUrl: stack.apiUrl, token: stack.token });
