/**
 * The intake, without the Lambda plumbing: authenticate, read and validate the body, claim the
 * call record so that a repeat never runs twice, run the workflow within the time budget, answer.
 */
import type { CountryCode } from 'libphonenumber-js';
import { recordAudit, refusalsTrail } from '../core/audit-trail';
import { readCall } from '../core/call-records';
import type { IntakeConfig } from '../core/config';
import { ValidationError } from '../core/errors';
import { logger } from '../core/logger';
import { countMetric, recordMetric } from '../core/metrics';
import { rememberPersonalData } from '../core/redaction';
import { verifyBearer, verifySignature } from './authenticate';
import { type CallResponse, callerLanguage, callResponse } from './call-response';
import { deliveryKey, executionIdFor } from './delivery-key';
import { parseCall } from './parse-call';
import { checkBodySize, checkMediaType, parseJsonBody } from './read-body';
import { checkFlowId, stateMachineFor, workflowFor } from './route';
import { runOnce } from './run-once';

export interface IncomingCall {
  flowId: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  rawBody: string;
  receivedAt: number;
}

export async function receiveCall(
  request: IncomingCall,
  config: IntakeConfig,
): Promise<CallResponse> {
  const { headers, rawBody } = request;
  verifyBearer(headers.authorization, config.tokens);
  checkBodySize(rawBody);
  if (config.signingSecrets.length > 0) {
    verifySignature(
      rawBody,
      {
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
      },
      config.signingSecrets,
      config.signatureToleranceSeconds,
    );
  }

  const flowId = checkFlowId(request.flowId);
  checkMediaType(headers['content-type'], headers['content-encoding']);
  const body = parseJsonBody(rawBody);
  const parsed = parseCall(body, {
    flowId,
    defaultRegion: config.defaultPhoneRegion as CountryCode,
  });
  if (!parsed.ok) {
    await recordAudit(refusalsTrail(), {
      actor: 'caller',
      action: 'call.refused',
      detail: { flow: flowId, fields: parsed.errors.map((error) => error.field).join(',') },
    });
    throw new ValidationError(parsed.errors);
  }
  const { call } = parsed;
  rememberPersonalData([call.contact.name, call.contact.email, call.contact.phone]);
  const workflow = workflowFor(flowId, call.intent);
  const stateMachineArn = stateMachineFor(workflow, config);

  const signed = config.signingSecrets.length > 0;
  const { key, fingerprint } = deliveryKey(workflow, {
    idempotencyKey: headers['idempotency-key'],
    webhookId: headers['webhook-id'],
    signed,
    call,
  });
  const executionId = executionIdFor(key);
  const language = callerLanguage(call.language, headers['accept-language']);
  const log = logger.createChild({ persistentKeys: { executionId, workflow } });
  // The call for debugging, without its free text (which can name anyone, in any spelling);
  // the logger redacts the caller's personal data from the rest.
  const { summary: _summary, painPoints: _painPoints, timeline: _timeline, ...shape } = call;
  log.debug('Call validated', { call: shape });

  const { outcome, receivedAt } = await runOnce({
    table: config.callsTable,
    ttlSeconds: config.idempotencyTtlSeconds,
    executionId,
    fingerprint,
    emailKey: call.contact.emailKey,
    marketingConsent: call.marketingConsent,
    workflow,
    stateMachineArn,
    receivedAt: request.receivedAt,
    deadlineMs: request.receivedAt + config.timeBudgetMs,
    input: { executionId, workflow, receivedAt: request.receivedAt, language, call },
    log,
  });

  const response = callResponse(
    {
      executionId,
      workflow,
      language,
      timeZone: config.timeZone,
      elapsedMs: Date.now() - receivedAt,
    },
    outcome,
    call.notes,
  );
  const elapsedMs = Date.now() - request.receivedAt;
  log.info('Call answered', { status: response.status, elapsedMs });
  countMetric('CallsAnswered', { Workflow: workflow, Status: response.status });
  recordMetric('AnswerTime', elapsedMs, 'Milliseconds', { Workflow: workflow });
  return response;
}

/** `GET /executions/{id}`: the stored outcome, or `accepted` while the run is still going. */
export async function describeCall(
  executionId: string,
  headers: Record<string, string | undefined>,
  config: IntakeConfig,
): Promise<CallResponse | undefined> {
  verifyBearer(headers.authorization, config.tokens);
  const record = /^exec_[0-9a-f]{32}$/.test(executionId)
    ? await readCall(config.callsTable, executionId)
    : undefined;
  if (!record) return undefined;
  return callResponse(
    {
      executionId,
      workflow: record.flow,
      language: callerLanguage(undefined, headers['accept-language']),
      timeZone: config.timeZone,
      elapsedMs: Date.now() - record.receivedAt,
    },
    record.outcome,
  );
}
