/**
 * The environment variables each kind of function reads (see functions/core/config.ts and
 * functions/core/workflow-config.ts), built from the deployment configuration. A setting left
 * out of the configuration is left out of the environment, so the function's own default applies
 * or, where it has none, the function names the missing variable at its first call.
 */
import type { DeploymentConfig, DeploymentSecrets, DeploymentSettings } from './config';

type SettingKey = keyof DeploymentSettings;
type SecretName = keyof DeploymentSecrets;

const INTAKE_SETTINGS: SettingKey[] = [
  'timeBudgetMs',
  'signatureToleranceSeconds',
  'idempotencyTtlHours',
  'defaultPhoneRegion',
  'timeZone',
  'logLevel',
];
const INTAKE_SECRETS: SecretName[] = ['WEBHOOK_TOKENS', 'WEBHOOK_SIGNING_SECRETS'];

/** Read by the support tasks only (functions/core/support-config.ts). */
const SUPPORT_SETTINGS: SettingKey[] = [
  'supportEmailFrom',
  'teamTechnicalEmail',
  'teamSuccessEmail',
  'chatChannelTechnical',
  'chatChannelSuccess',
  'slaCritical',
  'slaHigh',
  'slaMedium',
  'slaLow',
  'slaWarningPercent',
  'businessHours',
  'businessDays',
  'businessHolidays',
  'jiraBaseUrl',
  'jiraEmail',
  'jiraProjectKey',
  'jiraIssueType',
  'knowledgeBase',
  'kbMatchThreshold',
  'kbArticleBaseUrl',
  'confluenceBaseUrl',
  'confluenceEmail',
  'confluenceSpaceKey',
];

/** Read by the approval tasks and pages (functions/approval/approval-config.ts). */
const APPROVAL_SETTINGS: SettingKey[] = [
  'approverEmail',
  'escalationApproverEmail',
  'approvalRemindAfterHours',
  'approvalEscalateAfterHours',
  'approvalDeadlineHours',
  'approvalDeadlineOutcome',
  'checkInAfterHours',
  'statusUpdates',
  'statusUpdateEveryHours',
  'quarterlyReviewAfterHours',
];

const WORKFLOW_SETTINGS: SettingKey[] = [
  'connectorTimeoutMs',
  'hubspotBaseUrl',
  'slackBaseUrl',
  'enrichmentBaseUrl',
  'emailFrom',
  'salesManagerPhone',
  'salesManagerEmail',
  'executiveOwnerEmail',
  'teamEnterpriseEmail',
  'teamStandardEmail',
  'teamInsideEmail',
  'chatChannelEnterprise',
  'chatChannelStandard',
  'chatChannelInside',
  'chatChannelPricing',
  'adminEmail',
  'chatChannelAdmin',
  'stepRecordTtlDays',
  'timeZone',
  'followUpHour',
  'logLevel',
  ...SUPPORT_SETTINGS,
  ...APPROVAL_SETTINGS,
];
const WORKFLOW_SECRETS: SecretName[] = [
  'HUBSPOT_TOKEN',
  'SLACK_TOKEN',
  'ENRICHMENT_TOKEN',
  'JIRA_TOKEN',
  'CONFLUENCE_TOKEN',
  'APPROVAL_LINK_SECRETS',
];

/** The values the functions have no default for: without them a deployment cannot work. */
const REQUIRED_SETTINGS: SettingKey[] = [
  'hubspotBaseUrl',
  'slackBaseUrl',
  'enrichmentBaseUrl',
  'emailFrom',
  'salesManagerPhone',
  'salesManagerEmail',
  'executiveOwnerEmail',
  'teamEnterpriseEmail',
  'teamStandardEmail',
  'teamInsideEmail',
  'adminEmail',
  'teamTechnicalEmail',
  'teamSuccessEmail',
  'jiraBaseUrl',
  'jiraEmail',
  'jiraProjectKey',
  'approverEmail',
  'escalationApproverEmail',
];
const REQUIRED_SECRETS: SecretName[] = [
  'WEBHOOK_TOKENS',
  'HUBSPOT_TOKEN',
  'SLACK_TOKEN',
  'ENRICHMENT_TOKEN',
  'JIRA_TOKEN',
  'APPROVAL_LINK_SECRETS',
];
/** What the chosen knowledge base needs besides. */
const KNOWLEDGE_BASE_NEEDS = {
  local: { settings: ['kbArticleBaseUrl'] as SettingKey[], secrets: [] as SecretName[] },
  confluence: {
    settings: ['confluenceBaseUrl', 'confluenceEmail', 'confluenceSpaceKey'] as SettingKey[],
    secrets: ['CONFLUENCE_TOKEN'] as SecretName[],
  },
};

/** `hubspotBaseUrl` is read as `HUBSPOT_BASE_URL`, a machine `high-value` as `HIGH_VALUE`. */
export function variableName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

function pick(
  config: DeploymentConfig,
  settings: SettingKey[],
  secrets: SecretName[],
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of settings) {
    const value = config[key];
    if (value !== undefined) environment[variableName(key)] = String(value);
  }
  for (const name of secrets) {
    const value = config.secrets[name];
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}

/** What the intake and executions functions read; both use the intake configuration. */
export function intakeEnvironment(
  config: DeploymentConfig,
  resources: { callsTable: string; stateMachineArns: Record<string, string> },
): Record<string, string> {
  const machines = Object.entries(resources.stateMachineArns).map(([name, arn]) => [
    `${variableName(name)}_STATE_MACHINE_ARN`,
    arn,
  ]);
  return {
    ...pick(config, INTAKE_SETTINGS, INTAKE_SECRETS),
    ...Object.fromEntries(machines),
    CALLS_TABLE: resources.callsTable,
  };
}

/** What every task function reads: the workflow configuration is parsed as a whole. */
export function workflowEnvironment(
  config: DeploymentConfig,
  resources: { callsTable: string; approvalsTable: string; manualQueueUrl: string },
): Record<string, string> {
  return {
    ...pick(config, WORKFLOW_SETTINGS, WORKFLOW_SECRETS),
    CALLS_TABLE: resources.callsTable,
    APPROVALS_TABLE: resources.approvalsTable,
    MANUAL_QUEUE_URL: resources.manualQueueUrl,
  };
}

/** What the approval pages read: the approvals table and the link secrets, nothing else. */
export function approvalPageEnvironment(
  config: DeploymentConfig,
  resources: { approvalsTable: string },
): Record<string, string> {
  return {
    ...pick(config, ['logLevel'], ['APPROVAL_LINK_SECRETS']),
    APPROVALS_TABLE: resources.approvalsTable,
  };
}

/** The environment variables a deployment of this configuration would still lack. */
export function missingVariables(config: DeploymentConfig): string[] {
  const knowledgeBase = KNOWLEDGE_BASE_NEEDS[config.knowledgeBase ?? 'local'];
  return [
    ...[...REQUIRED_SETTINGS, ...knowledgeBase.settings]
      .filter((key) => config[key] === undefined)
      .map((key) => `${variableName(key)} (context key ${key})`),
    ...[...REQUIRED_SECRETS, ...knowledgeBase.secrets]
      .filter((name) => config.secrets[name] === undefined)
      .map((name) => `${name} (environment variable at synth)`),
  ];
}
