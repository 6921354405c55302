/**
 * Builds the stack as `cdk synth` would: the feature flags of cdk.json and a given config, each
 * test file once (every file runs in a process of its own).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { type DeploymentConfig, readDeploymentConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/handler-function';
import { VoiceAutomationStack } from '../../lib/voice-automation-stack';

const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/** A configuration with every value a deployment needs, as an operator would give it. */
export const COMPLETE_SETTINGS = {
  stage: 'test',
  region: 'eu-west-1',
  timeBudgetMs: '8000',
  apiRateLimit: 25,
  apiBurstLimit: 50,
  hubspotBaseUrl: 'https://crm.example.com',
  slackBaseUrl: 'https://chat.example.com',
  enrichmentBaseUrl: 'https://enrichment.example.com',
  emailFrom: 'sales@voice-automation.example',
  salesManagerPhone: '+4915100000001',
  salesManagerEmail: 'sales-manager@voice-automation.example',
  executiveOwnerEmail: 'cro@voice-automation.example',
  teamEnterpriseEmail: 'enterprise@voice-automation.example',
  teamStandardEmail: 'sales@voice-automation.example',
  teamInsideEmail: 'inside@voice-automation.example',
  adminEmail: 'ops@voice-automation.example',
  supportEmailFrom: 'support@voice-automation.example',
  teamTechnicalEmail: 'support-technical@voice-automation.example',
  teamSuccessEmail: 'customer-success@voice-automation.example',
  jiraBaseUrl: 'https://tracker.example.com',
  jiraEmail: 'tracker-bot@voice-automation.example',
  jiraProjectKey: 'SUP',
  kbArticleBaseUrl: 'https://help.voice-automation.example',
  approverEmail: 'sales-manager@voice-automation.example',
  escalationApproverEmail: 'cro@voice-automation.example',
};

export interface SynthesizedStack {
  config: DeploymentConfig;
  stack: VoiceAutomationStack;
  template: Template;
}

export interface SynthesisOptions {
  settings?: Record<string, unknown>;
  /** Tests that only read the template skip esbuild; deployed-bundle.test.ts bundles for real. */
  bundle?: boolean;
}

let outdirs: string | undefined;
// Imported by the test files only: each file's process removes its assemblies when it is done.
afterAll(() => {
  if (outdirs) rmSync(outdirs, { recursive: true, force: true });
});

/**
 * A fresh folder for one app's cloud assembly, below one folder per test process that goes when
 * the process exits (an App without an outdir leaves a folder in the temp dir for every synth).
 */
export function assemblyOutdir(): string {
  if (!outdirs) {
    const parent = mkdtempSync(path.join(tmpdir(), 'voice-automation-synth-'));
    outdirs = parent;
  }
  return mkdtempSync(path.join(outdirs, 'app-'));
}

export function synthesizeStack(options: SynthesisOptions = {}): SynthesizedStack {
  const { settings = COMPLETE_SETTINGS, bundle = true } = options;
  const config = readDeploymentConfig(settings);
  const context = {
    ...cdkJson.context,
    ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    // CDK's own rule checks take seconds per synth; nag.test.ts runs them with cdk-nag's.
    '@aws-cdk/core:validateAgainstDefaultRules': false,
  };
  const app = new App({ context, outdir: assemblyOutdir() });
  const stack = new VoiceAutomationStack(app, 'VoiceAutomation-test', {
    config,
    env: { region: config.region },
  });
  return { config, stack, template: Template.fromStack(stack) };
}
