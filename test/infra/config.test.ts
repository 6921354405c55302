import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeploymentConfigError, readDeploymentConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/handler-function';
import { COMPLETE_SETTINGS, type SynthesizedStack, synthesizeStack } from './synthesized-stack';

const problemsOf = (context: Record<string, unknown>) => {
  try {
    readDeploymentConfig(context);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('the deployment configuration', () => {
  it('synthesizes the dev stage in eu-central-1 with a 10 s budget when nothing is given', () => {
    const config = readDeploymentConfig({});

    expect(config).toMatchObject({ stage: 'dev', region: 'eu-central-1', timeBudgetMs: 10_000 });
    expect(config.account).toBeUndefined();
  });

  it('reads numbers given on the command line as text, and treats an empty value as unset', () => {
    const config = readDeploymentConfig({ timeBudgetMs: '8000', emailFrom: '' });

    expect(config.timeBudgetMs).toBe(8000);
    expect(config.emailFrom).toBeUndefined();
  });

  it('names a bad key and what it accepts', () => {
    expect(problemsOf({ region: 'Frankfurt' })).toContain(
      'context key region: an AWS region name such as eu-central-1',
    );
    expect(problemsOf({ logLevel: 'verbose' })).toMatch(/context key logLevel: .*"DEBUG"/);
    expect(problemsOf({ timeBudgetMs: '30000' })).toMatch(/context key timeBudgetMs: .*25000/);
    expect(problemsOf({ logRetentionDays: 10 })).toMatch(/logRetentionDays: one of 1, 3, 5, 7/);
  });

  it('names a bad admin address or step record age', () => {
    const message = problemsOf({ adminEmail: 'ops', stepRecordTtlDays: '0' });

    expect(message).toContain('context key adminEmail: an e-mail address');
    expect(message).toMatch(/context key stepRecordTtlDays: .*>=1/);
    expect(problemsOf({ stepRecordTtlDays: '400' })).toMatch(/stepRecordTtlDays: .*<=365/);
  });

  it('lists every bad setting at once, naming what each accepts', () => {
    const message = problemsOf({
      stage: 'Prod',
      salesManagerPhone: '0301234',
      hubspotBaseUrl: 'http://crm.example.com',
      allowedIps: '203.0.113.0/24, 10.0.0.300',
      apiKeyRequired: 'maybe',
      hubspotTokenSecretName: 'voice-automation/prod/hubspot-a1B2c3',
    });

    expect(message).toContain('context key stage: lower-case letters');
    expect(message).toContain('context key salesManagerPhone: an E.164 phone number');
    expect(message).toContain('context key hubspotBaseUrl: an https URL');
    expect(message).toContain('context key allowedIps.1: an IPv4 or IPv6 address or CIDR range');
    expect(message).toContain('context key apiKeyRequired: true or false');
    expect(message).toContain(
      'context key hubspotTokenSecretName: a secret name without the six-character suffix',
    );
  });

  it('stops the app with the list of bad keys and no stack trace', async () => {
    const run = promisify(execFile)(
      path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      ['bin/app.ts'],
      {
        cwd: PROJECT_ROOT,
        env: {
          PATH: process.env.PATH,
          CDK_OUTDIR: mkdtempSync(path.join(tmpdir(), 'cdk-out-')),
          CDK_CONTEXT_JSON: JSON.stringify({ region: 'Frankfurt', apiRateLimit: 0 }),
        },
      },
    );

    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('context key region: an AWS region name');
    expect(failure?.stderr).toContain('context key apiRateLimit:');
    expect(failure?.stderr).not.toContain('    at ');
  });
});

describe('a synth without the values the functions need', () => {
  let incomplete: SynthesizedStack;
  beforeAll(() => {
    incomplete = synthesizeStack({ settings: { stage: 'dev' }, bundle: false });
  }, 60_000);

  it('warns, naming each missing variable and where to give it', () => {
    const warnings = Annotations.fromStack(incomplete.stack);

    warnings.hasWarning(
      '*',
      Match.stringLikeRegexp('HUBSPOT_BASE_URL \\(setting hubspotBaseUrl\\)'),
    );
    warnings.hasWarning('*', Match.stringLikeRegexp('ADMIN_EMAIL \\(setting adminEmail\\)'));
  });

  it('leaves the missing variables out of the functions rather than setting them empty', () => {
    const functions = incomplete.template.findResources('AWS::Lambda::Function');
    const variables = Object.values(functions).flatMap((fn) =>
      Object.keys(fn.Properties.Environment.Variables),
    );

    expect(variables).not.toContain('HUBSPOT_BASE_URL');
    expect(variables).not.toContain('ADMIN_EMAIL');
    expect(variables).not.toContain('CHAT_CHANNEL_ADMIN');
    expect(variables).not.toContain('STEP_RECORD_TTL_DAYS');
  });

  it('gives the task functions the failure handling settings that are set', () => {
    const configured = synthesizeStack({
      settings: { ...COMPLETE_SETTINGS, chatChannelAdmin: '#ops', stepRecordTtlDays: '30' },
      bundle: false,
    });
    const { PostChatMessage } = configured.stack.workflows.taskFunctions;
    const fn = configured.template.toJSON().Resources[
      configured.stack.getLogicalId(PostChatMessage.node.defaultChild as CfnElement)
    ] as { Properties: { Environment: { Variables: Record<string, unknown> } } };

    expect(fn.Properties.Environment.Variables).toMatchObject({
      ADMIN_EMAIL: 'ops@voice-automation.example',
      CHAT_CHANNEL_ADMIN: '#ops',
      STEP_RECORD_TTL_DAYS: '30',
    });
  });

  it('does not warn when everything is given', () => {
    const complete = synthesizeStack({ bundle: false });

    expect(Annotations.fromStack(complete.stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});
