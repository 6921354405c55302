/**
 * The intake, without the Lambda plumbing: authenticate, read and validate the body, claim the
 * call record so that a repeat never runs twice, run the workflow within the time budget, answer.
 */
import type { CountryCode } from 'libphonenumber-js';
import {
  awaitOutcome,
  claimCall,
  readCall,
  recordOutcome,
  releaseCall,
} from '../core/call-records';
import type { IntakeConfig } from '../core/config';
import { HttpError, ValidationError } from '../core/errors';
import { logger } from '../core/logger';
import type { WorkflowOutcome } from '../core/outcome';
import { verifyBearer, verifySignature } from './authenticate';
import { type CallResponse, callerLanguage, callResponse } from './call-response';
import { deliveryKey, executionIdFor } from './delivery-key';
import { parseCall } from './parse-call';
import { checkBodySize, checkMediaType, parseJsonBody } from './read-body';
import { checkFlowId, stateMachineFor, workflowFor } from './route';
import { runWorkflow } from './run-workflow';

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
  checkMediaType(headers['content-type']);
  const body = parseJsonBody(rawBody);
  const parsed = parseCall(body, {
    flowId,
    defaultRegion: config.defaultPhoneRegion as CountryCode,
  });
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const { call } = parsed;
  const workflow = workflowFor(flowId, call.intent);
  const stateMachineArn = stateMachineFor(workflow, config);

  const executionId = executionIdFor(
    deliveryKey(flowId, {
      idempotencyKey: headers['idempotency-key'],
      webhookId: headers['webhook-id'],
      body,
    }),
  );
  const language = callerLanguage(call.language, headers['accept-language']);
  const deadlineMs = request.receivedAt + config.timeBudgetMs;
  const log = logger.createChild({ persistentKeys: { executionId, workflow } });
  const answer = (outcome: WorkflowOutcome | undefined, receivedAt = request.receivedAt) => {
    const context = { executionId, workflow, language, timeZone: config.timeZone };
    const response = callResponse({ ...context, elapsedMs: Date.now() - receivedAt }, outcome);
    log.info('Call answered', {
      status: response.status,
      elapsedMs: Date.now() - request.receivedAt,
    });
    return response;
  };

  const claimed = await claimCall(
    config.callsTable,
    { executionId, flow: workflow, receivedAt: request.receivedAt },
    config.idempotencyTtlSeconds,
  );
  if (!claimed) {
    log.info('Repeated delivery joins the existing execution');
    const record = await awaitOutcome(config.callsTable, executionId, deadlineMs);
    return answer(record?.outcome, record?.receivedAt);
  }

  log.info('Call accepted, starting workflow', { notes: call.notes.length });
  const outcome = await runWorkflow({
    stateMachineArn,
    executionId,
    workflow,
    receivedAt: request.receivedAt,
    deadlineMs,
    input: { executionId, workflow, receivedAt: request.receivedAt, language, call },
  }).catch(async (error: unknown) => {
    log.error('Workflow could not be started', { error });
    await releaseCall(config.callsTable, executionId);
    throw new HttpError(503, 'The workflow could not be started; send the call again.', {
      retry_after_seconds: 2,
    });
  });
  if (!outcome) {
    log.info('Time budget ran out, the workflow goes on');
    return answer(undefined);
  }
  if (outcome.status !== 'failed') return answer(outcome);

  // A failed run records why before it fails; only a run that died outside its catchers has not.
  const stored = (await readCall(config.callsTable, executionId))?.outcome;
  if (stored) return answer(stored);
  await recordOutcome(config.callsTable, executionId, outcome);
  return answer(outcome);
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
