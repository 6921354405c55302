import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../lib/function-secrets';
import { SECRET_SETTINGS, type SecretVariable } from '../../lib/secret-names';
import { managedPoliciesOf, type Statement, statementsOf } from './iam-statements';
import { COMPLETE_SETTINGS, type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct | undefined) =>
  synthesized.stack.getLogicalId(construct?.node.defaultChild as CfnElement);
const functions = () => Object.entries(synthesized.stack.functions());
const statementsOfFunction = (name: string) => {
  const fn = synthesized.stack.functions()[name as FunctionName];
  return statementsOf(synthesized.template, logicalId(fn.role));
};
const variablesOf = (name: string) =>
  (
    synthesized.template.toJSON().Resources[
      logicalId(synthesized.stack.functions()[name as FunctionName])
    ] as { Properties: { Environment: { Variables: Record<string, unknown> } } }
  ).Properties.Environment.Variables;
const withAction = (statements: Statement[], action: string) =>
  statements.filter((statement) => [statement.Action].flat().includes(action));

/** What each function reads from Secrets Manager, from the connectors and checks it runs. */
const SECRETS: Record<FunctionName, SecretVariable[]> = {
  Intake: ['WEBHOOK_TOKENS'],
  Executions: ['WEBHOOK_TOKENS'],
  ApprovalPage: ['APPROVAL_LINK_SECRETS'],
  PrivacyRequests: ['ADMIN_TOKENS', 'HUBSPOT_TOKEN'],
  CrmFindContact: ['HUBSPOT_TOKEN'],
  CrmCreateContact: ['HUBSPOT_TOKEN'],
  CrmContactHistory: ['HUBSPOT_TOKEN'],
  CrmUpdateContact: ['HUBSPOT_TOKEN'],
  CrmCreateTask: ['HUBSPOT_TOKEN'],
  CrmCreateDeal: ['HUBSPOT_TOKEN'],
  EnrichCompany: ['ENRICHMENT_TOKEN'],
  ScoreLead: [],
  SendEmail: [],
  PostChatMessage: ['SLACK_TOKEN'],
  SendSms: [],
  FinishLead: ['SLACK_TOKEN'],
  HandOverFailedCall: ['SLACK_TOKEN', 'HUBSPOT_TOKEN'],
  StartApproval: [],
  PlanApproval: [],
  RequestApproval: ['APPROVAL_LINK_SECRETS'],
  ExpireApproval: ['APPROVAL_LINK_SECRETS'],
  QueueManualJob: ['SLACK_TOKEN'],
  FinishHighValue: ['SLACK_TOKEN'],
  AssessSupportCall: [],
  OpenSupportTicket: ['HUBSPOT_TOKEN'],
  // The local knowledge base needs none; the Confluence one its token (below).
  SearchKnowledgeBase: [],
  FindSimilarTickets: ['HUBSPOT_TOKEN'],
  UpdateSupportTicket: ['HUBSPOT_TOKEN'],
  SendSupportEmail: [],
  PostSupportChatMessage: ['SLACK_TOKEN'],
  FileTrackerIssue: ['HUBSPOT_TOKEN', 'JIRA_TOKEN'],
  StartSlaWatch: [],
  CheckTicketStatus: ['HUBSPOT_TOKEN'],
  FinishSupport: ['SLACK_TOKEN'],
  QueueFailedExecution: ['SLACK_TOKEN'],
  SweepStalledCalls: ['SLACK_TOKEN'],
};
const secretName = (variable: SecretVariable) =>
  `voice-automation/test/${variable.toLowerCase().replaceAll('_', '-')}`;

describe('every function', () => {
  it('has a role of its own with no managed policy', () => {
    const roles = functions().map(([, fn]) => logicalId(fn.role));

    expect(new Set(roles).size).toBe(roles.length);
    for (const role of roles) expect(managedPoliciesOf(synthesized.template, role)).toEqual([]);
  });

  it('may write to its own log group and to no other', () => {
    for (const [name, fn] of functions()) {
      const writes = statementsOfFunction(name).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('logs:')),
      );
      expect(writes, name).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logicalId(fn.logGroup), 'Arn'] },
        },
      ]);
    }
  });

  it('sends its traces to X-Ray, from a policy that holds nothing else', () => {
    const policies = synthesized.template.findResources('AWS::IAM::Policy');
    for (const [name, fn] of functions()) {
      const tracing = Object.values(policies).filter((policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes('xray:'),
      );
      const own = tracing.filter((policy) =>
        policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === logicalId(fn.role)),
      );
      expect(
        own.map((policy) => policy.Properties.PolicyDocument.Statement),
        name,
      ).toEqual([
        [
          {
            Effect: 'Allow',
            Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
            Resource: '*',
          },
        ],
      ]);
    }
  });
});

describe('the secrets', () => {
  it.each(Object.entries(SECRETS))('%s may read its secrets and no others', (name, expected) => {
    const reads = withAction(statementsOfFunction(name), 'secretsmanager:GetSecretValue');
    const resources = reads.flatMap((statement) => [statement.Resource].flat());

    expect(reads.flatMap((statement) => [statement.Action].flat())).toEqual(
      expected.length > 0 ? ['secretsmanager:GetSecretValue'] : [],
    );
    expect(resources.map((resource) => JSON.stringify(resource)).sort()).toEqual(
      expected
        .map((variable) =>
          JSON.stringify({
            'Fn::Join': [
              '',
              [
                'arn:aws:secretsmanager:eu-west-1:',
                { Ref: 'AWS::AccountId' },
                `:secret:${secretName(variable)}-??????`,
              ],
            ],
          }),
        )
        .sort(),
    );
  });

  it.each(Object.entries(SECRETS))('%s is told where its secrets are', (name, expected) => {
    const named = Object.entries(variablesOf(name)).filter(([variable]) =>
      variable.endsWith('_SECRET_NAME'),
    );

    expect(Object.fromEntries(named)).toEqual(
      Object.fromEntries(
        expected.map((variable) => [`${variable}_SECRET_NAME`, secretName(variable)]),
      ),
    );
  });

  it('are referred to by name only: no secret value or secret resource is in the template', () => {
    const { template } = synthesized;
    const variables = functions().flatMap(([name]) => Object.keys(variablesOf(name)));

    for (const variable of Object.keys(SECRET_SETTINGS)) {
      expect(variables).not.toContain(variable);
    }
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    expect(JSON.stringify(template.toJSON())).not.toMatch(/resolve:secretsmanager/);
  });

  it('include the signing secrets for the intake and the Confluence token for the search when chosen', () => {
    const chosen = synthesizeStack({
      settings: {
        ...COMPLETE_SETTINGS,
        knowledgeBase: 'confluence',
        confluenceBaseUrl: 'https://wiki.example.com',
        confluenceEmail: 'wiki-bot@voice-automation.example',
        confluenceSpaceKey: 'HELP',
        webhookSigningSecretsSecretName: 'voice-automation/test/webhook-signing-secrets',
      },
      bundle: false,
    });
    const variables = (fn: IConstruct) =>
      (
        chosen.template.toJSON().Resources[
          chosen.stack.getLogicalId(fn.node.defaultChild as CfnElement)
        ] as { Properties: { Environment: { Variables: Record<string, unknown> } } }
      ).Properties.Environment.Variables;

    expect(variables(chosen.stack.webhook.intake)).toMatchObject({
      WEBHOOK_TOKENS_SECRET_NAME: 'voice-automation/test/webhook-tokens',
      WEBHOOK_SIGNING_SECRETS_SECRET_NAME: 'voice-automation/test/webhook-signing-secrets',
    });
    expect(variables(chosen.stack.workflows.taskFunctions.SearchKnowledgeBase)).toMatchObject({
      CONFLUENCE_TOKEN_SECRET_NAME: 'voice-automation/test/confluence-token',
    });
    expect(variables(chosen.stack.webhook.executions)).not.toHaveProperty(
      'WEBHOOK_SIGNING_SECRETS_SECRET_NAME',
    );
  });
});
