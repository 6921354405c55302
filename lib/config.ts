/**
 * The deployment configuration, one typed and validated file per environment: the settings of
 * each stage in cdk.json's `stages` block, picked by `cdk synth -c stage=<name>`, with any
 * `-c key=value` on top. Read once at synth, so that a wrong value stops `cdk synth` with a
 * message naming the setting, where it came from and what it accepts. Secret values are never
 * part of it: only the names of the Secrets Manager secrets that hold them (lib/secret-names.ts).
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { type SecretVariable, secretNamesOf } from './secret-names';
import {
  addressRanges,
  count,
  email,
  flag,
  hours,
  optional,
  secretName,
  httpsUrl as url,
} from './setting-types';

const retentionDays = Object.values(RetentionDays).filter((days) => typeof days === 'number');
const slaTarget = z
  .string()
  .regex(/^\d+(\.\d+)?(m|h|bh|bd)$/i, 'a duration such as 1h, 30m, 8bh or 1bd');

const settingsSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and hyphens, at most 20')
    .default('dev'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region name such as eu-central-1')
    .default('eu-central-1'),
  account: optional(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id')),
  timeBudgetMs: count(1000, 25_000).default(10_000),
  // The API: requests per second and burst for the stage and the usage plan, an optional daily
  // quota, the API key the voice platform sends, and the addresses calls may come from.
  apiRateLimit: count(1, 10_000).default(10),
  apiBurstLimit: count(1, 5000).default(20),
  apiQuotaPerDay: optional(count(1, 10_000_000)),
  apiKeyRequired: flag.default(true),
  allowedIps: optional(addressRanges),
  createApiLoggingRole: flag.default(true),
  logRetentionDays: z.coerce
    .number()
    .refine((days) => retentionDays.includes(days), `one of ${retentionDays.join(', ')}`)
    .default(30),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  // Who the alarms notify (the admin when not set), and how SES verifies the senders: their
  // domain (DKIM records to publish) or each address (a link to click).
  alarmEmail: optional(email),
  senderIdentity: z.enum(['domain', 'address']).default('domain'),
  // The Secrets Manager secrets the functions read, by name; lib/secret-names.ts has defaults.
  webhookTokensSecretName: optional(secretName),
  webhookSigningSecretsSecretName: optional(secretName),
  hubspotTokenSecretName: optional(secretName),
  slackTokenSecretName: optional(secretName),
  enrichmentTokenSecretName: optional(secretName),
  jiraTokenSecretName: optional(secretName),
  confluenceTokenSecretName: optional(secretName),
  approvalLinkSecretsSecretName: optional(secretName),
  adminTokensSecretName: optional(secretName),
  auditRetentionDays: optional(count(1, 3650)),

  signatureToleranceSeconds: optional(count(1, 3600)),
  idempotencyTtlHours: optional(count(1, 24 * 30)),
  defaultPhoneRegion: optional(z.string().regex(/^[A-Z]{2}$/, 'a country code such as DE')),
  timeZone: optional(z.string().min(1)),
  connectorTimeoutMs: optional(count(100, 10_000)),
  followUpHour: optional(count(0, 23)),
  hubspotBaseUrl: optional(url),
  slackBaseUrl: optional(url),
  enrichmentBaseUrl: optional(url),
  emailFrom: optional(email),
  salesManagerPhone: optional(
    z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number such as +4930123456'),
  ),
  salesManagerEmail: optional(email),
  executiveOwnerEmail: optional(email),
  teamEnterpriseEmail: optional(email),
  teamStandardEmail: optional(email),
  teamInsideEmail: optional(email),
  chatChannelEnterprise: optional(z.string().min(1)),
  chatChannelStandard: optional(z.string().min(1)),
  chatChannelInside: optional(z.string().min(1)),
  chatChannelPricing: optional(z.string().min(1)),
  // The failure handling: who is told about manual jobs, how long step records are kept.
  adminEmail: optional(email),
  chatChannelAdmin: optional(z.string().min(1)),
  stepRecordTtlDays: optional(count(1, 365)),
  // The support workflow (functions/core/support-config.ts validates the details).
  supportEmailFrom: optional(email),
  teamTechnicalEmail: optional(email),
  teamSuccessEmail: optional(email),
  chatChannelTechnical: optional(z.string().min(1)),
  chatChannelSuccess: optional(z.string().min(1)),
  slaCritical: optional(slaTarget),
  slaHigh: optional(slaTarget),
  slaMedium: optional(slaTarget),
  slaLow: optional(slaTarget),
  slaWarningPercent: optional(count(1, 99)),
  businessHours: optional(z.string().regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, 'such as 09:00-17:00')),
  businessDays: optional(z.string().min(3)),
  businessHolidays: optional(z.string()),
  jiraBaseUrl: optional(url),
  jiraEmail: optional(email),
  jiraProjectKey: optional(
    z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as SUP'),
  ),
  jiraIssueType: optional(z.string().min(1)),
  knowledgeBase: optional(z.enum(['local', 'confluence'])),
  kbMatchThreshold: optional(z.coerce.number().min(0).max(1)),
  kbArticleBaseUrl: optional(url),
  confluenceBaseUrl: optional(url),
  confluenceEmail: optional(email),
  confluenceSpaceKey: optional(z.string().min(1)),
  // Manager approval of high-value leads (functions/approval/approval-config.ts validates them).
  approverEmail: optional(email),
  escalationApproverEmail: optional(email),
  approvalBaseUrl: optional(url),
  approvalRemindAfterHours: optional(hours),
  approvalEscalateAfterHours: optional(hours),
  approvalDeadlineHours: optional(hours),
  approvalDeadlineOutcome: optional(z.enum(['decline', 'manual'])),
  checkInAfterHours: optional(hours),
  statusUpdates: optional(count(0, 52)),
  statusUpdateEveryHours: optional(hours),
  quarterlyReviewAfterHours: optional(hours),
});

export type DeploymentSettings = z.output<typeof settingsSchema>;
export type DeploymentConfig = DeploymentSettings & {
  /** The secret each variable is read from, by name; a variable left out is not read. */
  secretNames: Partial<Record<SecretVariable, string>>;
};

/** The context keys the app reads besides `stages`; anything else in the context is CDK's own. */
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as Array<keyof DeploymentSettings>;

export class DeploymentConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid deployment configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'DeploymentConfigError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings of the chosen stage: its block of `stages`, with the keys given on their own
 * (`-c key=value`) on top. Says where each setting came from, for the messages.
 */
function stageSettings(context: Record<string, unknown>) {
  const problems: string[] = [];
  const stage = typeof context.stage === 'string' && context.stage ? context.stage : 'dev';
  const stages = context.stages ?? {};
  if (!isObject(stages) || !Object.values(stages).every(isObject)) {
    problems.push('context key stages: an object with one block of settings per stage');
  }
  const blocks = isObject(stages) ? stages : {};
  const names = Object.keys(blocks);
  if (names.length > 0 && !(stage in blocks)) {
    problems.push(`context key stage: one of ${names.join(', ')} (the blocks of "stages")`);
  }

  const block = isObject(blocks[stage]) ? (blocks[stage] as Record<string, unknown>) : {};
  for (const key of Object.keys(block)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      problems.push(`stages.${stage}.${key}: not a setting (lib/config.ts lists them)`);
    }
  }
  const given = Object.fromEntries(
    SETTING_KEYS.filter((key) => context[key] !== undefined).map((key) => [key, context[key]]),
  );
  const sourceOf = (key: string) =>
    key in given || !(key in block) ? `context key ${key}` : `stages.${stage}.${key}`;
  return { settings: { ...block, ...given, stage }, sourceOf, problems };
}

/**
 * Validates every setting of the chosen stage at once and reports all bad ones together.
 *
 * @example readDeploymentConfig({ stage: 'prod', stages: { prod: { region: 'eu-west-1' } } })
 */
export function readDeploymentConfig(context: Record<string, unknown>): DeploymentConfig {
  const { settings, sourceOf, problems } = stageSettings(context);
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key = '', ...rest] = issue.path.map(String);
      problems.push(`${[sourceOf(key), ...rest].join('.')}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new DeploymentConfigError(problems);

  const config = parsed.data;
  const secretNames = secretNamesOf({
    stage: config.stage,
    knowledgeBase: config.knowledgeBase,
    names: config,
  });
  return { ...config, secretNames };
}
