/**
 * The deployment configuration, read once at synth and validated, so that a wrong value stops
 * `cdk synth` with a message naming the key and what it accepts, instead of a broken deployment.
 *
 * Settings come from CDK context (`cdk.json` or `cdk synth -c key=value`). Secret values come
 * from the environment of the synth only, so that they are never written into `cdk.json`; they
 * do end up as Lambda environment variables in the synthesized template.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** `-c key=` on the command line means "not set", like leaving the key out. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });
const email = z.email({ error: 'an e-mail address' });
const hours = z.coerce.number().positive({ error: 'a number of hours above 0' });
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
  apiRateLimit: count(1, 10_000).default(10),
  apiBurstLimit: count(1, 5000).default(20),
  logRetentionDays: z.coerce
    .number()
    .refine((days) => retentionDays.includes(days), `one of ${retentionDays.join(', ')}`)
    .default(30),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),

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

const secret = optional(z.string().trim().min(1));
const secretList = optional(
  z.string().refine((value) => value.split(',').some((item) => item.trim() !== ''), {
    error: 'a comma-separated list with at least one value',
  }),
);

const secretsSchema = z.object({
  WEBHOOK_TOKENS: secretList,
  WEBHOOK_SIGNING_SECRETS: secretList,
  HUBSPOT_TOKEN: secret,
  SLACK_TOKEN: secret,
  ENRICHMENT_TOKEN: secret,
  JIRA_TOKEN: secret,
  CONFLUENCE_TOKEN: secret,
  APPROVAL_LINK_SECRETS: secretList,
});

export type DeploymentSettings = z.output<typeof settingsSchema>;
export type DeploymentSecrets = z.output<typeof secretsSchema>;
export type DeploymentConfig = DeploymentSettings & { secrets: DeploymentSecrets };

/** The context keys the app reads; anything else in the context is CDK's own. */
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as Array<keyof DeploymentSettings>;

export class DeploymentConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid deployment configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'DeploymentConfigError';
  }
}

function describe(source: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${source} ${issue.path.join('.')}: ${issue.message}`);
}

/**
 * Validates every setting and secret at once and reports all bad ones together.
 *
 * @example readDeploymentConfig({ stage: 'prod', region: 'eu-west-1' }, process.env)
 */
export function readDeploymentConfig(
  context: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): DeploymentConfig {
  const settings = settingsSchema.safeParse(context);
  const secrets = secretsSchema.safeParse(env);
  const problems = [
    ...(settings.success ? [] : describe('context key', settings.error.issues)),
    ...(secrets.success ? [] : describe('environment variable', secrets.error.issues)),
  ];
  if (!settings.success || !secrets.success) throw new DeploymentConfigError(problems);
  return { ...settings.data, secrets: secrets.data };
}
