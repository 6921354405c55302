/**
 * Intake CPU cost per request, in-process and without I/O: the project's pieces (bearer token,
 * Standard Webhooks signature, body checks, parseCall, deliveryKey, callResponse) against the same
 * job built with the Powertools parser and idempotency utilities, over the same varied payloads.
 */
import { performance } from 'node:perf_hooks';
import type { CountryCode } from 'libphonenumber-js';
import { signPayload, verifyBearer, verifySignature } from '../functions/intake/authenticate';
import { callerLanguage, callResponse } from '../functions/intake/call-response';
import { deliveryKey, executionIdFor } from '../functions/intake/delivery-key';
import { parseCall } from '../functions/intake/parse-call';
import { checkBodySize, checkMediaType, parseJsonBody } from '../functions/intake/read-body';
import { checkFlowId, workflowFor } from '../functions/intake/route';
import { apiGatewayEvent } from './api-gateway-event';
import { callBodies } from './payloads';
import { powertoolsIdempotency, powertoolsIntake } from './powertools-intake';
import { percentile } from './stats';

const TOKENS = ['bench-token-previous', 'bench-token'];
const SECRET = `whsec_${Buffer.from('bench-signing-secret-32-bytes-long!').toString('base64')}`;

interface Request {
  headers: Record<string, string>;
  rawBody: string;
}

export interface IntakeCostResult {
  payloads: number;
  rejected: number;
  own: { p50: number; p99: number; mean: number };
  powertools: { p50: number; p99: number; mean: number; rejected: number };
}

function signedRequests(count: number): Request[] {
  const now = Math.floor(Date.now() / 1000);
  return callBodies(count).map((body, index) => {
    const rawBody = JSON.stringify(body, null, index % 3 === 0 ? 2 : undefined);
    const id = `msg_${index.toString(36)}`;
    return {
      rawBody,
      headers: {
        authorization: 'Bearer bench-token',
        'content-type': 'application/json; charset=utf-8',
        'accept-language': index % 2 ? 'de-DE,de;q=0.9,en;q=0.8' : 'en-GB',
        'webhook-id': id,
        'webhook-timestamp': String(now),
        'webhook-signature': signPayload(SECRET, id, now, rawBody),
      },
    };
  });
}

/** Bearer token and webhook signature: the same in both pipelines, as both would need them. */
function authenticate({ headers, rawBody }: Request): void {
  verifyBearer(headers.authorization, TOKENS);
  verifySignature(
    rawBody,
    {
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      signature: headers['webhook-signature'],
    },
    [SECRET],
    300,
  );
}

/** The project's intake from headers and body to the answer, less the DynamoDB and SFN calls. */
function ownIntake(request: Request): boolean {
  const { headers, rawBody } = request;
  checkBodySize(rawBody);
  authenticate(request);
  const flowId = checkFlowId('lead');
  checkMediaType(headers['content-type'], undefined);
  const parsed = parseCall(parseJsonBody(rawBody), {
    flowId,
    defaultRegion: 'DE' as CountryCode,
  });
  if (!parsed.ok) return false;
  const workflow = workflowFor(flowId, parsed.call.intent);
  const { key } = deliveryKey(workflow, {
    idempotencyKey: undefined,
    webhookId: headers['webhook-id'],
    signed: true,
    call: parsed.call,
  });
  const language = callerLanguage(parsed.call.language, headers['accept-language']);
  const executionId = executionIdFor(key);
  const context = { executionId, workflow, language, timeZone: 'Europe/Berlin', elapsedMs: 1 };
  return callResponse(context, undefined, parsed.call.notes).message.length > 0;
}

/** Runs `job` on every input (after a warm-up round) and returns the time of each in ms. */
function timeEach<T>(inputs: readonly T[], job: (input: T) => boolean): [number[], number] {
  for (const input of inputs.slice(0, 500)) job(input);
  const times: number[] = [];
  let rejected = 0;
  for (const input of inputs) {
    const started = performance.now();
    if (!job(input)) rejected += 1;
    times.push(performance.now() - started);
  }
  return [times, rejected];
}

const summary = (times: number[]) => ({
  p50: percentile(times, 50),
  p99: percentile(times, 99),
  mean: times.reduce((a, b) => a + b, 0) / times.length,
});

export function measureIntakeCost(count: number): IntakeCostResult {
  const requests = signedRequests(count);
  const [ownTimes, rejected] = timeEach(requests, ownIntake);

  // Same payloads, same auth, signature and answer; parsing and key the Powertools way.
  const hashing = powertoolsIdempotency();
  const events = requests.map((r, i) => ({
    ...r,
    event: apiGatewayEvent(r.headers, r.rawBody, i),
  }));
  const [ptTimes, ptRejected] = timeEach(events, (request) => {
    const { headers } = request;
    authenticate(request);
    try {
      const { call, key } = powertoolsIntake(request.event, hashing);
      const language = callerLanguage(undefined, headers['accept-language']);
      const context = { executionId: key, workflow: 'lead', language, timeZone: 'Europe/Berlin' };
      return callResponse({ ...context, elapsedMs: 1 }).message.length > 0 && Boolean(call);
    } catch {
      return false;
    }
  });
  return {
    payloads: count,
    rejected,
    own: summary(ownTimes),
    powertools: { ...summary(ptTimes), rejected: ptRejected },
  };
}
