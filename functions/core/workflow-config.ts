/**
 * Configuration of the task functions: where the outside services are, who gets notified, and
 * how teams are reached. Read once, validated, with every bad variable named in one error. The
 * services' credentials are read apart, by the connectors that use them.
 */
import { z } from 'zod';
import { configSection, readEnv, secretSetting, timeZoneSetting, wholeNumber } from './config';

const url = z.string().url('an http(s) URL');
const email = z.string().email('an e-mail address');

const schema = z.object({
  CALLS_TABLE: z.string().min(1),
  CONNECTOR_TIMEOUT_MS: wholeNumber(5000),
  HUBSPOT_BASE_URL: url,
  SLACK_BASE_URL: url,
  ENRICHMENT_BASE_URL: url,
  EMAIL_FROM: email,
  SALES_MANAGER_PHONE: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number such as +4930123456'),
  SALES_MANAGER_EMAIL: email,
  EXECUTIVE_OWNER_EMAIL: email,
  TEAM_ENTERPRISE_EMAIL: email,
  TEAM_STANDARD_EMAIL: email,
  TEAM_INSIDE_EMAIL: email,
  CHAT_CHANNEL_ENTERPRISE: z.string().min(1).default('#sales-enterprise'),
  CHAT_CHANNEL_STANDARD: z.string().min(1).default('#sales'),
  CHAT_CHANNEL_INSIDE: z.string().min(1).default('#inside-sales'),
  CHAT_CHANNEL_PRICING: z.string().min(1).default('#pricing-strategy'),
  ADMIN_EMAIL: email,
  CHAT_CHANNEL_ADMIN: z.string().min(1).default('#ops-alerts'),
  TIME_ZONE: timeZoneSetting,
  FOLLOW_UP_HOUR: wholeNumber(10, 0, 23),
});

export type SalesTeam = 'enterprise' | 'standard' | 'inside';

export interface WorkflowConfig {
  callsTable: string;
  connectorTimeoutMs: number;
  hubspot: { baseUrl: string };
  slack: { baseUrl: string };
  enrichment: { baseUrl: string };
  emailFrom: string;
  salesManager: { phone: string; email: string };
  executiveOwnerEmail: string;
  teams: Record<SalesTeam, { email: string; channel: string }>;
  pricingChannel: string;
  /** Told when work goes to the manual processing queue. */
  admin: { email: string; channel: string };
  timeZone: string;
  followUpHour: number;
}

export const workflowConfig = configSection((env): WorkflowConfig => {
  const raw = readEnv(schema, env);
  const config: WorkflowConfig = {
    callsTable: raw.CALLS_TABLE,
    connectorTimeoutMs: raw.CONNECTOR_TIMEOUT_MS,
    hubspot: { baseUrl: raw.HUBSPOT_BASE_URL },
    slack: { baseUrl: raw.SLACK_BASE_URL },
    enrichment: { baseUrl: raw.ENRICHMENT_BASE_URL },
    emailFrom: raw.EMAIL_FROM,
    salesManager: { phone: raw.SALES_MANAGER_PHONE, email: raw.SALES_MANAGER_EMAIL },
    executiveOwnerEmail: raw.EXECUTIVE_OWNER_EMAIL,
    teams: {
      enterprise: { email: raw.TEAM_ENTERPRISE_EMAIL, channel: raw.CHAT_CHANNEL_ENTERPRISE },
      standard: { email: raw.TEAM_STANDARD_EMAIL, channel: raw.CHAT_CHANNEL_STANDARD },
      inside: { email: raw.TEAM_INSIDE_EMAIL, channel: raw.CHAT_CHANNEL_INSIDE },
    },
    pricingChannel: raw.CHAT_CHANNEL_PRICING,
    admin: { email: raw.ADMIN_EMAIL, channel: raw.CHAT_CHANNEL_ADMIN },
    timeZone: raw.TIME_ZONE,
    followUpHour: raw.FOLLOW_UP_HOUR,
  };
  return config;
});

/** The CRM's and the helpdesk's private app token. */
export const hubspotToken = secretSetting('HUBSPOT_TOKEN', 'the HubSpot private app token');
/** The chat bot's token. */
export const slackToken = secretSetting('SLACK_TOKEN', 'the Slack bot token');
export const enrichmentToken = secretSetting('ENRICHMENT_TOKEN', 'the enrichment API key');
