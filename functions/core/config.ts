/**
 * Runtime configuration, read once from the environment and validated, so that a wrong setting
 * fails at the first call with a message that names the variable and what it accepts.
 */
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const intakeSchema = z.object({
  WEBHOOK_TOKENS: list.refine((tokens) => tokens.length > 0, {
    message: 'set at least one bearer token (comma-separated for rotation)',
  }),
  WEBHOOK_SIGNING_SECRETS: list,
  SIGNATURE_TOLERANCE_SECONDS: positiveInt(300),
  TIME_BUDGET_MS: positiveInt(10_000),
  IDEMPOTENCY_TTL_HOURS: positiveInt(24),
  CALLS_TABLE: z.string().min(1),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as DE or US')
    .default('DE'),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin')
    .default('Europe/Berlin'),
  LEAD_STATE_MACHINE_ARN: z.string().min(1),
  SUPPORT_STATE_MACHINE_ARN: z.string().optional(),
  HIGH_VALUE_STATE_MACHINE_ARN: z.string().optional(),
});

export type IntakeConfig = {
  tokens: string[];
  signingSecrets: string[];
  signatureToleranceSeconds: number;
  timeBudgetMs: number;
  idempotencyTtlSeconds: number;
  callsTable: string;
  defaultPhoneRegion: string;
  timeZone: string;
  stateMachines: { lead: string; support?: string; highValue?: string };
};

export class ConfigError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `schema` from `env`, throwing one ConfigError that lists every bad variable. */
export function readEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues);
  return parsed.data;
}

let intake: IntakeConfig | undefined;

export function intakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  if (intake && env === process.env) return intake;
  const raw = readEnv(intakeSchema, env);
  const config: IntakeConfig = {
    tokens: raw.WEBHOOK_TOKENS,
    signingSecrets: raw.WEBHOOK_SIGNING_SECRETS,
    signatureToleranceSeconds: raw.SIGNATURE_TOLERANCE_SECONDS,
    timeBudgetMs: raw.TIME_BUDGET_MS,
    idempotencyTtlSeconds: raw.IDEMPOTENCY_TTL_HOURS * 3600,
    callsTable: raw.CALLS_TABLE,
    defaultPhoneRegion: raw.DEFAULT_PHONE_REGION,
    timeZone: raw.TIME_ZONE,
    stateMachines: {
      lead: raw.LEAD_STATE_MACHINE_ARN,
      ...(raw.SUPPORT_STATE_MACHINE_ARN ? { support: raw.SUPPORT_STATE_MACHINE_ARN } : {}),
      ...(raw.HIGH_VALUE_STATE_MACHINE_ARN ? { highValue: raw.HIGH_VALUE_STATE_MACHINE_ARN } : {}),
    },
  };
  if (env === process.env) intake = config;
  return config;
}

/** Forgets the cached configuration; the local stack and tests change the environment. */
export function resetConfig(): void {
  intake = undefined;
  for (const reset of resetters) reset();
}

const resetters: Array<() => void> = [];

/** Lets other configuration sections be forgotten by `resetConfig`. */
export function onConfigReset(reset: () => void): void {
  resetters.push(reset);
}
