import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDeploymentConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/handler-function';
import { VoiceAutomationStack } from '../../lib/voice-automation-stack';
import { assemblyOutdir, COMPLETE_SETTINGS } from './synthesized-stack';

interface Violation {
  ruleName: string;
  description: string;
  violatingConstructs: Array<{ constructPath: string }>;
}

const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/** Synthesizes as `cdk synth` does, CDK's own rules included, with cdk-nag's AWS Solutions. */
function checkedSynth(settings: Record<string, unknown>) {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    outdir: assemblyOutdir(),
  });
  const config = readDeploymentConfig(settings);
  const stack = new VoiceAutomationStack(app, 'VoiceAutomation-test', {
    config,
    env: { region: config.region },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let failure: unknown;
  try {
    app.synth();
  } catch (error) {
    failure = error;
  }
  const reportFile = path.join(app.outdir, 'validation-report.json');
  const report = failure
    ? (JSON.parse(readFileSync(reportFile, 'utf8')) as {
        pluginReports: Array<{ pluginName: string; violations: Violation[] }>;
      })
    : { pluginReports: [] };
  const findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) =>
          `${violation.ruleName} at ${construct.constructPath}: ${violation.description}`,
      ),
    ),
  );
  return { stack, failure, findings };
}

/** Every acknowledgement in the tree, with the construct it is on. */
function acknowledgements(root: IConstruct) {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe("cdk-nag's AWS Solutions checks", () => {
  let checked: ReturnType<typeof checkedSynth>;
  beforeAll(() => {
    checked = checkedSynth(COMPLETE_SETTINGS);
  }, 60_000);

  it('pass for a complete configuration', () => {
    expect(checked.findings).toEqual([]);
    expect(checked.failure).toBeUndefined();
  });

  it('pass with the allow-list, an own alarm address and address identities too', () => {
    const other = checkedSynth({
      ...COMPLETE_SETTINGS,
      allowedIps: ['203.0.113.0/24'],
      alarmEmail: 'oncall@voice-automation.example',
      senderIdentity: 'address',
      apiKeyRequired: false,
    });

    expect(other.findings).toEqual([]);
  });

  it('are acknowledged only with a reason, each a sentence of its own', () => {
    const found = acknowledgements(checked.stack);

    expect(found.length).toBeGreaterThan(0);
    for (const { path: where, id, reason } of found) {
      expect(reason.length, `${id} at ${where}`).toBeGreaterThan(40);
    }
    const ids = found.map(({ id }) =>
      id.replace(/^Annotation::/, '').replace(/<Workflows\w+\.Name>/, '<machine>'),
    );
    expect([...new Set(ids)].sort()).toEqual([
      'AwsSolutions-APIG2',
      'AwsSolutions-APIG3',
      'AwsSolutions-APIG4',
      'AwsSolutions-COG4',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:aws:states:eu-west-1:<AWS::AccountId>:execution:<machine>:*]',
      'AwsSolutions-L1',
      'AwsSolutions-SNS2',
      'AwsSolutions-SQS3',
    ]);
  });
});
