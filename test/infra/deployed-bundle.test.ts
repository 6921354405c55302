/**
 * The artifact that gets deployed is the one that was tested: the intake's bundle, taken from
 * the synthesized cloud assembly, answers a call on the local stack as the source does.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CfnElement, Stage } from 'aws-cdk-lib';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../functions/catalog';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { sampleCall } from '../helpers/calls';
import { type FakeSecretsManager, startFakeSecretsManager } from '../helpers/fake-secrets-manager';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

let synthesized: SynthesizedStack;
let stack: LocalStack;
let secretsManager: FakeSecretsManager;

beforeAll(async () => {
  // The one synth of the suite that bundles every function with esbuild, as `cdk synth` does.
  synthesized = synthesizeStack();
  stack = await startLocalStack({ timeScale: 0.001 });
  secretsManager = await startFakeSecretsManager({
    'voice-automation/test/webhook-tokens': stack.token,
  });
}, 180_000);
afterAll(async () => {
  await secretsManager?.close();
  await stack?.stop();
});

/** The folder of a function's code asset in the cloud assembly, from the template's S3 key. */
function assetOf(fn: IConstruct): string {
  const { stack: cdkStack, template } = synthesized;
  const resource = template.toJSON().Resources[
    cdkStack.getLogicalId(fn.node.defaultChild as CfnElement)
  ] as { Properties: { Code: { S3Key: string } } };
  const hash = resource.Properties.Code.S3Key.replace(/\.zip$/, '');
  return path.join(Stage.of(cdkStack)?.outdir ?? '', `asset.${hash}`);
}

/** The proxy event API Gateway sends for a call to the webhook. */
function webhookEvent(body: unknown, idempotencyKey: string): APIGatewayProxyEvent {
  return {
    resource: '/webhook/automation/{flow_id}',
    path: '/webhook/automation/lead',
    httpMethod: 'POST',
    headers: {
      Authorization: `Bearer ${stack.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { flow_id: 'lead' },
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), stage: 'test' },
  } as unknown as APIGatewayProxyEvent;
}

function lambdaContext(): Context {
  const started = Date.now();
  return {
    awsRequestId: randomUUID(),
    functionName: 'Intake',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Intake',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/Intake',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 11_000 - (Date.now() - started),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The answer without what differs from run to run. */
function comparable(result: APIGatewayProxyResult) {
  const { execution_id, execution_time_ms, ...body } = JSON.parse(result.body) as Record<
    string,
    unknown
  >;
  expect(execution_id).toMatch(/^exec_[0-9a-f]{32}$/);
  expect(execution_time_ms).toEqual(expect.any(Number));
  return { statusCode: result.statusCode, headers: result.headers, body };
}

/** Each run starts from the same stand-ins, as a fresh deployment would. */
function freshStandins() {
  for (const standin of [stack.hubspot, stack.slack, stack.enrichment, stack.ses, stack.sns]) {
    standin.reset();
  }
}

describe('the synthesized cloud assembly', () => {
  it('holds one ESM bundle per function, built for Node.js 22 with its source map', () => {
    for (const [name, fn] of Object.entries(synthesized.stack.functions())) {
      const bundle = path.join(assetOf(fn), 'index.mjs');
      expect(existsSync(bundle), name).toBe(true);
      expect(existsSync(`${bundle}.map`), name).toBe(true);
      expect(readFileSync(bundle, 'utf8').slice(0, 200), name).toContain('createRequire');
    }
  });

  it('carries the Secrets Manager client only in the functions that read secrets', () => {
    const size = (fn: IConstruct) => statSync(path.join(assetOf(fn), 'index.mjs')).size;
    const hasClient = (fn: IConstruct) =>
      readFileSync(path.join(assetOf(fn), 'index.mjs'), 'utf8').includes('GetSecretValue');
    const { taskFunctions } = synthesized.stack.workflows;

    expect(hasClient(synthesized.stack.webhook.intake)).toBe(true);
    expect(hasClient(taskFunctions.CrmFindContact)).toBe(true);
    expect(hasClient(taskFunctions.ScoreLead)).toBe(false);
    expect(hasClient(taskFunctions.SendEmail)).toBe(false);
    expect(size(taskFunctions.ScoreLead)).toBeLessThan(size(taskFunctions.CrmFindContact));
  });
});

describe("the intake's deployed bundle", () => {
  it('answers a call on the local stack as the source does, its token from Secrets Manager', async () => {
    const call = sampleCall();
    const source = (await import(path.join('../..', API_FUNCTIONS.Intake))) as {
      handler: ApiHandler;
    };
    freshStandins();
    const fromSource = await source.handler(
      webhookEvent(call, `source-${randomUUID()}`),
      lambdaContext(),
    );

    // In AWS the token is not in the environment but in its secret, which the bundle fetches.
    const token = process.env.WEBHOOK_TOKENS;
    delete process.env.WEBHOOK_TOKENS;
    process.env.WEBHOOK_TOKENS_SECRET_NAME = 'voice-automation/test/webhook-tokens';
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.url;
    try {
      const bundleFile = path.join(assetOf(synthesized.stack.webhook.intake), 'index.mjs');
      const bundle = (await import(/* @vite-ignore */ pathToFileURL(bundleFile).href)) as {
        handler: ApiHandler;
      };
      freshStandins();
      const fromBundle = await bundle.handler(
        webhookEvent(call, `bundle-${randomUUID()}`),
        lambdaContext(),
      );

      expect(comparable(fromBundle)).toEqual(comparable(fromSource));
      expect(JSON.parse(fromBundle.body).status).toBe('completed');
      expect(secretsManager.requested).toEqual(['voice-automation/test/webhook-tokens']);
    } finally {
      process.env.WEBHOOK_TOKENS = token;
      delete process.env.WEBHOOK_TOKENS_SECRET_NAME;
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    }
  });
});
