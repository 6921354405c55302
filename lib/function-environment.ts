/**
 * The environment variables each kind of function reads (see functions/core/config.ts and
 * functions/core/workflow-config.ts), built from the deployment configuration. A setting left
 * out of the configuration is left out of the environment, so the function's own default applies
 * or, where it has none, the function names the missing variable at its first call. Secrets are
 * not among them: lib/secrets.ts gives each function the names of the secrets it reads.
 */
import type { DeploymentConfig, DeploymentSettings } from './config';

type SettingKey = keyof DeploymentSettings;

const INTAKE_SETTINGS: SettingKey[] = [
  'timeBudgetMs',
  'signatureToleranceSeconds',
  'idempotencyTtlHours',
  'defaultPhoneRegion',
  'timeZone',
  'logLevel',
  'auditRetentionDays',
  // The intake indexes each call by its caller for data-protection requests, as long as steps.
  'stepRecordTtlDays',
];

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
  'auditRetentionDays',
  ...SUPPORT_SETTINGS,
  ...APPROVAL_SETTINGS,
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
/** What the chosen knowledge base needs besides. */
const KNOWLEDGE_BASE_NEEDS: Record<'local' | 'confluence', SettingKey[]> = {
  local: ['kbArticleBaseUrl'],
  confluence: ['confluenceBaseUrl', 'confluenceEmail', 'confluenceSpaceKey'],
};

/** `hubspotBaseUrl` is read as `HUBSPOT_BASE_URL`, a machine `high-value` as `HIGH_VALUE`. */
export function variableName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

function pick(config: DeploymentConfig, settings: SettingKey[]): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of settings) {
    const value = config[key];
    if (value !== undefined) environment[variableName(key)] = String(value);
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
    ...pick(config, INTAKE_SETTINGS),
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
    ...pick(config, WORKFLOW_SETTINGS),
    CALLS_TABLE: resources.callsTable,
    APPROVALS_TABLE: resources.approvalsTable,
    MANUAL_QUEUE_URL: resources.manualQueueUrl,
  };
}

/** What the approval pages read: the approvals and (for the audit trail) the calls table. */
export function approvalPageEnvironment(
  config: DeploymentConfig,
  resources: { approvalsTable: string; callsTable: string },
): Record<string, string> {
  return {
    ...pick(config, ['logLevel', 'auditRetentionDays']),
    APPROVALS_TABLE: resources.approvalsTable,
    CALLS_TABLE: resources.callsTable,
  };
}

/** The environment variables a deployment of this configuration would still lack. */
export function missingVariables(config: DeploymentConfig): string[] {
  const knowledgeBase = KNOWLEDGE_BASE_NEEDS[config.knowledgeBase ?? 'local'];
  return [...REQUIRED_SETTINGS, ...knowledgeBase]
    .filter((key) => config[key] === undefined)
    .map((key) => `${variableName(key)} (setting ${key})`);
}
