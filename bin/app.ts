/**
 * The CDK app: reads the deployment configuration of the chosen stage from the context
 * (`cdk synth -c stage=prod`), and creates that stage's stack. It makes no AWS calls and needs
 * no account to synthesize.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  type DeploymentConfig,
  DeploymentConfigError,
  readDeploymentConfig,
  SETTING_KEYS,
} from '../lib/config';
import { VoiceAutomationStack } from '../lib/voice-automation-stack';

const app = new App();

let config: DeploymentConfig;
try {
  const context = Object.fromEntries(
    ['stages', ...SETTING_KEYS].map((key) => [key, app.node.tryGetContext(key)]),
  );
  config = readDeploymentConfig(context);
} catch (error) {
  // A stack trace would bury the list of bad keys.
  if (!(error instanceof DeploymentConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

new VoiceAutomationStack(app, `VoiceAutomation-${config.stage}`, {
  config,
  description: `Voice agent webhook backend (${config.stage})`,
  // Region pinned by configuration (data residency); the account only when given, so that a
  // synth needs neither credentials nor a look-up.
  env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
});
Tags.of(app).add('project', 'voice-call-automation');
Tags.of(app).add('stage', config.stage);

// cdk-nag's AWS Solutions checks on every synth: a new finding stops it, until it is fixed or
// acknowledged with its reason where the construct is made.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
