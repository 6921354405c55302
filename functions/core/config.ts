/**
 * Runtime configuration, read once from the environment and validated, so that a wrong setting
 * fails at the first call with a message that names the variable and what it accepts.
 */
import { z } from 'zod';

/** What `resetConfig` forgets: every cached section, client and connector. */
const resetters: Array<() => void> = [];

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** A whole number from `min` to `max`, with the range in the error message. */
export const wholeNumber = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) => {
  const message = `a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
    .default(fallback);
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone, checked against the runtime's own list. */
export const timeZoneSetting = z
  .string()
  .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin')
  .default('Europe/Berlin');

const intakeSchema = z.object({
  WEBHOOK_TOKENS: list.refine((tokens) => tokens.length > 0, {
    message: 'set at least one bearer token (comma-separated for rotation)',
  }),
  WEBHOOK_SIGNING_SECRETS: list,
  SIGNATURE_TOLERANCE_SECONDS: wholeNumber(300),
  TIME_BUDGET_MS: wholeNumber(10_000),
  IDEMPOTENCY_TTL_HOURS: wholeNumber(24),
  CALLS_TABLE: z.string().min(1),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as DE or US')
    .default('DE'),
  TIME_ZONE: timeZoneSetting,
  LEAD_STATE_MACHINE_ARN: z.string().min(1),
  SUPPORT_STATE_MACHINE_ARN: z.string().optional(),
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
  stateMachines: { lead: string; support?: string };
};

export class ConfigError extends Error {
  /** One line per bad setting: its name and what it accepts. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }

  static fromIssues(issues: z.core.$ZodIssue[]): ConfigError {
    return new ConfigError(
      issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
}

/** Built on first use and kept until `resetConfig`: the clients and connectors made from settings. */
export function builtOnce<T>(create: () => T, dispose?: (value: T) => void): () => T {
  let value: T | undefined;
  onConfigReset(() => {
    if (value !== undefined) dispose?.(value);
    value = undefined;
  });
  return () => {
    value ??= create();
    return value;
  };
}

/**
 * A configuration section: read from the process environment once, and again after
 * `resetConfig`; read afresh from any other environment it is given (tests, the CDK app).
 */
export function configSection<T>(read: (env: NodeJS.ProcessEnv) => T) {
  let cached: T | undefined;
  onConfigReset(() => {
    cached = undefined;
  });
  return (env: NodeJS.ProcessEnv = process.env): T => {
    if (env !== process.env) return read(env);
    cached ??= read(env);
    return cached;
  };
}

/**
 * A secret read on its own, only where it is used: a function that never builds the connector
 * never asks for its credential, so in AWS it is given (and may read) only the secrets it uses.
 */
export function secretSetting(name: string, allowed: string) {
  const schema = z.object({
    [name]: z.string({ error: allowed }).trim().min(1, { error: allowed }),
  });
  return configSection((env): string => readEnv(schema, env)[name] as string);
}

/** Parses `schema` from `env`, throwing one ConfigError that lists every bad variable. */
export function readEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromIssues(parsed.error.issues);
  return parsed.data;
}

export const intakeConfig = configSection((env): IntakeConfig => {
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
    },
  };
  return config;
});

/** Forgets the cached configuration; the local stack and tests change the environment. */
export function resetConfig(): void {
  for (const reset of resetters) reset();
}

/** Lets other configuration sections be forgotten by `resetConfig`. */
export function onConfigReset(reset: () => void): void {
  resetters.push(reset);
}
