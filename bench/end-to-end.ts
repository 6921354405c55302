/**
 * End to end with slow neighbours: every outside call (CRM, chat, enrichment, e-mail, SMS,
 * tracker) held for a fixed delay by a loopback proxy, one call at a time, so that each run's
 * outside calls can be told apart. Compares each execution with the sum of its outside calls
 * done one after another, and with its critical path (the longest chain of outside calls that
 * did not overlap).
 */

import { seededRandom } from '../local/standins/faults';
import type { ProxiedCall } from './delay-proxy';
import { callBody } from './payloads';
import type { ExecutionSummary } from './stack-child';
import type { StackClient } from './stack-client';

export interface RunMeasure {
  workflow: 'lead' | 'support';
  path: string;
  status: string;
  responseMs: number;
  executionMs: number;
  serialMs: number;
  criticalPathMs: number;
  outsideCalls: number;
  execution: ExecutionSummary | undefined;
  calls: ProxiedCall[];
}

const OUTSIDE = new Set(['hubspot', 'slack', 'enrichment', 'ses', 'sns', 'jira']);

/** Greedy by end time: the most outside calls that ran strictly one after another. */
export function criticalChain(calls: readonly ProxiedCall[]): ProxiedCall[] {
  const chain: ProxiedCall[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.endedAt - b.endedAt)) {
    if (call.startedAt >= lastEnd) {
      chain.push(call);
      lastEnd = call.endedAt;
    }
  }
  return chain;
}

const SUPPORT_QUESTIONS = {
  'self-service': 'How do I forward calls to my mobile when the office is closed?',
  escalated: 'Since this morning every outbound call fails with error SIP 503.',
};

async function runOne(
  stack: StackClient,
  flow: 'lead' | 'support',
  body: Record<string, unknown>,
  path: string,
): Promise<RunMeasure> {
  const before = (await stack.executions()).length;
  const started = Date.now();
  const response = await fetch(`${stack.apiUrl}/webhook/automation/${flow}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await response.json()) as { status?: string };
  const responseMs = Date.now() - started;
  const execution = (await stack.executions(before)).find((e) => e.machine === flow);
  const calls = await stack.calls(started);
  const outside = calls.filter((call) => OUTSIDE.has(call.service));
  const span = (c: ProxiedCall) => c.endedAt - c.startedAt;
  return {
    workflow: flow,
    path,
    status: answer.status ?? `HTTP ${response.status}`,
    responseMs,
    executionMs: execution?.durationMs ?? Number.NaN,
    serialMs: outside.reduce((sum, c) => sum + span(c), 0),
    criticalPathMs: criticalChain(outside).reduce((sum, c) => sum + span(c), 0),
    outsideCalls: outside.length,
    execution,
    calls,
  };
}

/** Lead calls of every shape, then support calls answered by the knowledge base and escalated. */
export async function runEndToEnd(
  stack: StackClient,
  leadRuns: number,
  supportRuns: number,
  onProgress: (done: number) => void,
): Promise<RunMeasure[]> {
  const random = seededRandom(200);
  const runs: RunMeasure[] = [];
  for (let i = 0; i < leadRuns; i += 1) {
    const body = callBody(random, i, `.e2e${i}`);
    const context = body.conversation_context;
    const path = [
      context.urgency_level.toLowerCase() === 'critical' ? 'critical' : '',
      body.custom_data.competitor_mentioned ? 'competitor' : '',
    ]
      .filter(Boolean)
      .join('+');
    runs.push(await runOne(stack, 'lead', body, path || 'plain'));
    onProgress(runs.length);
  }
  for (let i = 0; i < supportRuns; i += 1) {
    for (const [path, question] of Object.entries(SUPPORT_QUESTIONS)) {
      const body = callBody(random, i, `.support${i}`);
      body.conversation_context.detected_intent = 'support';
      body.conversation_context.urgency_level = 'low';
      body.conversation_context.conversation_summary = question;
      runs.push(await runOne(stack, 'support', body, path));
      onProgress(runs.length);
    }
  }
  return runs;
}
