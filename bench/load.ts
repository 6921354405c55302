/**
 * Throughput and latency of the local stack over HTTP with autocannon: unique calls (each a new
 * execution), then duplicate storms (each call sent `copies` times at once, one execution each).
 */
import autocannon from 'autocannon';
import { seededRandom } from '../local/standins/faults';
import { callBody } from './payloads';
import type { StackClient } from './stack-client';

export interface LoadResult {
  phase: string;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and answers with status `failed`. */
  errors: number;
  statuses: Record<string, number>;
  /** Distinct calls handed to the connections, some cut off when the clock stopped. */
  distinctCallsSent: number;
  distinctCallsAnswered: number;
  distinctExecutionIds: number;
  executionsStarted: number;
  /** Executions started under a name that had already run: duplicates. */
  sameNameReruns: number;
}

/** Each run gets its own calls, so that a warm-up's calls are not answered again from records. */
let runNumber = 0;

export async function runLoad(
  stack: StackClient,
  phase: 'unique' | 'storm',
  durationSeconds: number,
  connections = 50,
): Promise<LoadResult> {
  const copies = phase === 'storm' ? 5 : 1;
  runNumber += 1;
  const tag = `.${phase}${runNumber}x`;
  const random = seededRandom(phase === 'storm' ? 55 : 11);
  const bodies: string[] = [];
  let sent = 0;
  const statuses: Record<string, number> = {};
  const executionIds = new Set<string>();
  const answered = new Set<number>();
  const before = await stack.starts();

  const result = await autocannon({
    url: `${stack.apiUrl}/webhook/automation/lead`,
    connections,
    duration: durationSeconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.token}`,
          'content-type': 'application/json',
        },
        setupRequest: (request, context) => {
          const call = Math.floor(sent++ / copies);
          if (bodies[call] === undefined) {
            const body = callBody(random, call, `${tag}${call}`);
            bodies[call] = JSON.stringify(body);
          }
          (context as { call?: number }).call = call;
          return { ...request, body: bodies[call] };
        },
        onResponse: (status, body, context) => {
          let answer: { status?: string; execution_id?: string } = {};
          try {
            answer = JSON.parse(body);
          } catch {}
          const key = `${status} ${answer.status ?? '-'}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (answer.execution_id) executionIds.add(answer.execution_id);
          answered.add((context as { call: number }).call);
        },
      },
    ],
  });

  // Runs still going when the clock stopped count too: wait (at most 30 s) until they end.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const running = (await stack.executions()).filter((e) => e.status === 'RUNNING');
    if (running.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const after = await stack.starts();
  const startedNow = after.names.slice(before.started);
  const failedAnswers = Object.entries(statuses)
    .filter(([key]) => key.endsWith(' failed'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    phase: phase === 'storm' ? `duplicate storm (x${copies})` : 'unique calls',
    durationSeconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / durationSeconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + failedAnswers,
    statuses,
    distinctCallsSent: bodies.length,
    distinctCallsAnswered: answered.size,
    distinctExecutionIds: executionIds.size,
    executionsStarted: startedNow.filter((e) => e.machine === 'lead-workflow').length,
    sameNameReruns: after.duplicates - before.duplicates,
  };
}
