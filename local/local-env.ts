/**
 * The environment the handlers see in the local stack: standard AWS SDK endpoint settings pointing
 * at the local services, and the same configuration variables a deployment sets.
 */

import { APPROVAL_HOURS } from '../functions/approval/approval-config';
import { SUPPORT_USER_SETTINGS, supportEnvironment } from './support-env';

export interface LocalEndpoints {
  api: string;
  dynamodb: string;
  sqs: string;
  manualQueue: string;
  stepFunctions: string;
  ses: string;
  sns: string;
  hubspot: string;
  slack: string;
  enrichment: string;
  jira: string;
  confluence: string;
}

export const LOCAL_REGION = 'eu-central-1';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_SECRETS = {
  webhookToken: 'local-dev-token',
  adminToken: 'local-admin-token',
  hubspotToken: 'local-hubspot-token',
  slackToken: 'local-slack-bot-token',
  enrichmentToken: 'local-enrichment-key',
  approvalLinkSecret: 'local-approval-link-secret-not-for-production',
};

/** Settings a person may choose when starting the stack; everything else is fixed. */
export const USER_SETTINGS = [
  'WEBHOOK_TOKENS',
  'WEBHOOK_SIGNING_SECRETS',
  'ADMIN_TOKENS',
  'SIGNATURE_TOLERANCE_SECONDS',
  'TIME_BUDGET_MS',
  'IDEMPOTENCY_TTL_HOURS',
  'DEFAULT_PHONE_REGION',
  'TIME_ZONE',
  'CONNECTOR_TIMEOUT_MS',
  'FOLLOW_UP_HOUR',
  'APPROVER_EMAIL',
  'ESCALATION_APPROVER_EMAIL',
  'APPROVAL_DEADLINE_OUTCOME',
  'STATUS_UPDATES',
  ...(Object.keys(APPROVAL_HOURS) as Array<keyof typeof APPROVAL_HOURS>),
  ...SUPPORT_USER_SETTINGS,
  'LOG_LEVEL',
] as const;

export function localEnvironment(
  endpoints: LocalEndpoints,
  stateMachines: Record<string, string>,
  chosen: NodeJS.ProcessEnv,
  timeScale: number,
): Record<string, string> {
  const defaults: Record<string, string> = {
    WEBHOOK_TOKENS: LOCAL_SECRETS.webhookToken,
    ADMIN_TOKENS: LOCAL_SECRETS.adminToken,
    APPROVER_EMAIL: 'sales-manager@voice-automation.example',
    ESCALATION_APPROVER_EMAIL: 'cro@voice-automation.example',
  };
  for (const name of USER_SETTINGS) {
    const value = chosen[name];
    if (value !== undefined && value !== '') defaults[name] = value;
  }
  // The time scale plays the approval's hours in seconds, as it does the workflows' own waits.
  for (const [name, hours] of Object.entries(APPROVAL_HOURS)) {
    defaults[name] = String(Number(defaults[name] ?? hours) * timeScale);
  }
  return {
    ...defaults,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SFN: endpoints.stepFunctions,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    CALLS_TABLE: 'calls',
    APPROVALS_TABLE: 'approvals',
    APPROVAL_BASE_URL: endpoints.api,
    APPROVAL_LINK_SECRETS: LOCAL_SECRETS.approvalLinkSecret,
    HIGH_VALUE_STATE_MACHINE_ARN: stateMachines['high-value'] ?? '',
    MANUAL_QUEUE_URL: endpoints.manualQueue,
    LEAD_STATE_MACHINE_ARN: stateMachines.lead ?? '',
    HUBSPOT_BASE_URL: endpoints.hubspot,
    HUBSPOT_TOKEN: LOCAL_SECRETS.hubspotToken,
    SLACK_BASE_URL: endpoints.slack,
    SLACK_TOKEN: LOCAL_SECRETS.slackToken,
    ENRICHMENT_BASE_URL: endpoints.enrichment,
    ENRICHMENT_TOKEN: LOCAL_SECRETS.enrichmentToken,
    EMAIL_FROM: 'sales@voice-automation.example',
    SALES_MANAGER_PHONE: '+4915100000001',
    SALES_MANAGER_EMAIL: 'sales-manager@voice-automation.example',
    EXECUTIVE_OWNER_EMAIL: 'cro@voice-automation.example',
    TEAM_ENTERPRISE_EMAIL: 'enterprise-sales@voice-automation.example',
    TEAM_STANDARD_EMAIL: 'sales@voice-automation.example',
    TEAM_INSIDE_EMAIL: 'inside-sales@voice-automation.example',
    ADMIN_EMAIL: 'ops@voice-automation.example',
    ...supportEnvironment(endpoints, stateMachines),
  };
}
