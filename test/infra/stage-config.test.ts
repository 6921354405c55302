import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DeploymentConfigError, readDeploymentConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/handler-function';

const problemsOf = (context: Record<string, unknown>) => {
  try {
    readDeploymentConfig(context);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
};

const STAGES = {
  dev: { region: 'eu-central-1', apiRateLimit: 5 },
  prod: {
    region: 'eu-west-1',
    apiRateLimit: 50,
    emailFrom: 'sales@voice-automation.example',
    allowedIps: ['203.0.113.0/24', '2001:db8::/32'],
  },
};

describe('the per-stage configuration', () => {
  it('takes the block of the chosen stage, with keys given on their own on top', () => {
    const config = readDeploymentConfig({ stages: STAGES, stage: 'prod', apiRateLimit: '80' });

    expect(config).toMatchObject({
      stage: 'prod',
      region: 'eu-west-1',
      apiRateLimit: 80,
      emailFrom: 'sales@voice-automation.example',
      allowedIps: ['203.0.113.0/24', '2001:db8::/32'],
    });
  });

  it('picks the dev block when no stage is named', () => {
    expect(readDeploymentConfig({ stages: STAGES })).toMatchObject({
      stage: 'dev',
      apiRateLimit: 5,
    });
  });

  it('names a stage without a block, and the stages there are', () => {
    expect(problemsOf({ stages: STAGES, stage: 'staging' })).toContain(
      'context key stage: one of dev, prod (the blocks of "stages")',
    );
  });

  it('names a bad value by the block it is in, and a key that is no setting', () => {
    const message = problemsOf({
      stages: { prod: { emailFrom: 'sales', apiRateLimt: 50 } },
      stage: 'prod',
    });

    expect(message).toContain('stages.prod.emailFrom: an e-mail address');
    expect(message).toContain('stages.prod.apiRateLimt: not a setting');
  });

  it('reads an allow-list given on the command line as comma-separated addresses', () => {
    const config = readDeploymentConfig({ allowedIps: '203.0.113.7, 198.51.100.0/24' });

    expect(config.allowedIps).toEqual(['203.0.113.7', '198.51.100.0/24']);
  });

  it('holds valid blocks in cdk.json for every stage it lists', () => {
    const { context } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8'));

    expect(Object.keys(context.stages)).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const stage of Object.keys(context.stages)) {
      expect(readDeploymentConfig({ stages: context.stages, stage }).stage).toBe(stage);
    }
  });
});

describe('the secrets a stage reads', () => {
  it('are named per stage unless the configuration names them', () => {
    const { secretNames } = readDeploymentConfig({
      stage: 'prod',
      hubspotTokenSecretName: 'crm/hubspot-private-app',
    });

    expect(secretNames).toEqual({
      WEBHOOK_TOKENS: 'voice-automation/prod/webhook-tokens',
      HUBSPOT_TOKEN: 'crm/hubspot-private-app',
      SLACK_TOKEN: 'voice-automation/prod/slack-token',
      ENRICHMENT_TOKEN: 'voice-automation/prod/enrichment-token',
      JIRA_TOKEN: 'voice-automation/prod/jira-token',
      APPROVAL_LINK_SECRETS: 'voice-automation/prod/approval-link-secrets',
      ADMIN_TOKENS: 'voice-automation/prod/admin-tokens',
    });
  });

  it('include the signing secrets once they are named, and Confluence with its knowledge base', () => {
    const { secretNames } = readDeploymentConfig({
      stage: 'prod',
      knowledgeBase: 'confluence',
      webhookSigningSecretsSecretName: 'voice-automation/prod/webhook-signing-secrets',
    });

    expect(secretNames).toMatchObject({
      WEBHOOK_SIGNING_SECRETS: 'voice-automation/prod/webhook-signing-secrets',
      CONFLUENCE_TOKEN: 'voice-automation/prod/confluence-token',
    });
  });
});

describe('cdk synth -c stage=prod', () => {
  it('synthesizes the prod stack from its block, offline', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
    await promisify(execFile)(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['bin/app.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        AWS_EC2_METADATA_DISABLED: 'true',
        CDK_OUTDIR: outdir,
        // As `cdk synth -c stage=prod` passes it, without bundling the functions.
        CDK_CONTEXT_JSON: JSON.stringify({
          ...JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context,
          stage: 'prod',
          'aws:cdk:bundling-stacks': [],
        }),
      },
    });

    const template = JSON.parse(
      readFileSync(path.join(outdir, 'VoiceAutomation-prod.template.json'), 'utf8'),
    );
    const stage = Object.values(template.Resources as Record<string, { Type: string }>).find(
      (resource) => resource.Type === 'AWS::ApiGateway::Stage',
    ) as unknown as {
      Properties: { StageName: string; MethodSettings: Array<Record<string, unknown>> };
    };
    expect(stage.Properties.StageName).toBe('prod');
    expect(stage.Properties.MethodSettings[0]).toMatchObject({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
  }, 60_000);
});
