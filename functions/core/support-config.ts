/**
 * Configuration of the support workflow: helpdesk teams, SLA targets and business hours, the
 * issue tracker and the knowledge base. Read only by the support tasks, so that a deployment
 * without them keeps its lead workflow working; validated with every bad variable named. The
 * tracker's and the knowledge base's tokens are read apart, by the connectors that use them.
 */
import { z } from 'zod';
import type { BusinessCalendar } from '../support/business-calendar';
import { parseSlaTarget, type SlaPolicy, type SlaTarget, type SupportLevel } from '../support/sla';
import { configSection, readEnv, secretSetting, timeZoneSetting, wholeNumber } from './config';

const url = z.string().url('an http(s) URL');
const email = z.string().email('an e-mail address');
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const slaTarget = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const target = parseSlaTarget(text);
      if (!target) {
        ctx.addIssue({
          code: 'custom',
          message: 'a duration such as 1h, 30m, 8bh (business hours) or 1bd (business days)',
        });
        return z.NEVER;
      }
      return target;
    });

/** `09:00-17:00` as minutes after midnight. */
const businessHours = z
  .string()
  .default('09:00-17:00')
  .transform((text, ctx) => {
    const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
    const [opensAt, closesAt] = match
      ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])]
      : [Number.NaN, Number.NaN];
    if (!(opensAt >= 0 && closesAt <= 1440 && opensAt < closesAt)) {
      ctx.addIssue({ code: 'custom', message: 'opening and closing time such as 09:00-17:00' });
      return z.NEVER;
    }
    return { opensAt, closesAt };
  });

/** `Mon-Fri` or `Mon,Tue,Thu` as day numbers (0 Sunday). */
const businessDays = z
  .string()
  .default('Mon-Fri')
  .transform((text, ctx) => {
    const days = new Set<number>();
    for (const part of text.toLowerCase().split(',')) {
      const [from = '', to = from] = part.split('-').map((day) => day.trim().slice(0, 3));
      const start = WEEKDAYS.indexOf(from);
      const end = WEEKDAYS.indexOf(to);
      if (start < 0 || end < 0) {
        ctx.addIssue({ code: 'custom', message: 'weekdays such as Mon-Fri or Mon,Wed,Fri' });
        return z.NEVER;
      }
      for (let day = start; ; day = (day + 1) % 7) {
        days.add(day);
        if (day === end) break;
      }
    }
    return [...days].sort();
  });

const holidays = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((day) => day.trim())
      .filter(Boolean),
  )
  .refine((days) => days.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day)), {
    message: 'comma-separated dates such as 2026-12-24,2026-12-25',
  });

const schema = z
  .object({
    EMAIL_FROM: email,
    SUPPORT_EMAIL_FROM: email.optional(),
    TEAM_TECHNICAL_EMAIL: email,
    TEAM_SUCCESS_EMAIL: email,
    CHAT_CHANNEL_TECHNICAL: z.string().min(1).default('#support-technical'),
    CHAT_CHANNEL_SUCCESS: z.string().min(1).default('#customer-success'),
    SLA_CRITICAL: slaTarget('1h'),
    SLA_HIGH: slaTarget('4h'),
    SLA_MEDIUM: slaTarget('1bd'),
    SLA_LOW: slaTarget('3bd'),
    SLA_WARNING_PERCENT: wholeNumber(80, 1, 99),
    BUSINESS_HOURS: businessHours,
    BUSINESS_DAYS: businessDays,
    BUSINESS_HOLIDAYS: holidays,
    TIME_ZONE: timeZoneSetting,
    JIRA_BASE_URL: url,
    JIRA_EMAIL: email,
    JIRA_PROJECT_KEY: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as SUP'),
    JIRA_ISSUE_TYPE: z.string().min(1).default('Bug'),
    KNOWLEDGE_BASE: z
      .enum(['local', 'confluence'], { error: 'local or confluence' })
      .default('local'),
    KB_MATCH_THRESHOLD: z.coerce
      .number({ error: 'a number from 0 to 1, such as 0.6' })
      .min(0, 'a number from 0 to 1, such as 0.6')
      .max(1, 'a number from 0 to 1, such as 0.6')
      .default(0.6),
    KB_ARTICLE_BASE_URL: url.optional(),
    CONFLUENCE_BASE_URL: url.optional(),
    CONFLUENCE_EMAIL: email.optional(),
    CONFLUENCE_SPACE_KEY: z.string().min(1).optional(),
    SLA_WATCH_STATE_MACHINE_ARN: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const needed =
      env.KNOWLEDGE_BASE === 'confluence'
        ? (['CONFLUENCE_BASE_URL', 'CONFLUENCE_EMAIL', 'CONFLUENCE_SPACE_KEY'] as const)
        : (['KB_ARTICLE_BASE_URL'] as const);
    for (const name of needed) {
      if (env[name] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `required with KNOWLEDGE_BASE=${env.KNOWLEDGE_BASE}`,
        });
      }
    }
  });

export type KnowledgeBaseSettings =
  | { provider: 'local'; threshold: number; articleBaseUrl: string }
  | {
      provider: 'confluence';
      threshold: number;
      baseUrl: string;
      email: string;
      spaceKey: string;
    };

export interface SupportConfig {
  emailFrom: string;
  teams: Record<'technical' | 'success', { email: string; channel: string }>;
  sla: SlaPolicy;
  jira: { baseUrl: string; email: string; projectKey: string; issueType: string };
  knowledgeBase: KnowledgeBaseSettings;
  /** Absent where the SLA watch is not deployed; StartSlaWatch then says so. */
  slaWatchStateMachineArn?: string;
}

export const supportConfig = configSection((env): SupportConfig => {
  const raw = readEnv(schema, env);
  const targets: Record<SupportLevel, SlaTarget> = {
    critical: raw.SLA_CRITICAL,
    high: raw.SLA_HIGH,
    medium: raw.SLA_MEDIUM,
    low: raw.SLA_LOW,
  };
  const calendar: BusinessCalendar = {
    timeZone: raw.TIME_ZONE,
    ...raw.BUSINESS_HOURS,
    workingDays: raw.BUSINESS_DAYS,
    holidays: raw.BUSINESS_HOLIDAYS,
  };
  const config: SupportConfig = {
    emailFrom: raw.SUPPORT_EMAIL_FROM ?? raw.EMAIL_FROM,
    teams: {
      technical: { email: raw.TEAM_TECHNICAL_EMAIL, channel: raw.CHAT_CHANNEL_TECHNICAL },
      success: { email: raw.TEAM_SUCCESS_EMAIL, channel: raw.CHAT_CHANNEL_SUCCESS },
    },
    sla: { targets, warningPercent: raw.SLA_WARNING_PERCENT, calendar },
    jira: {
      baseUrl: raw.JIRA_BASE_URL,
      email: raw.JIRA_EMAIL,
      projectKey: raw.JIRA_PROJECT_KEY,
      issueType: raw.JIRA_ISSUE_TYPE,
    },
    knowledgeBase:
      raw.KNOWLEDGE_BASE === 'confluence'
        ? {
            provider: 'confluence',
            threshold: raw.KB_MATCH_THRESHOLD,
            baseUrl: raw.CONFLUENCE_BASE_URL ?? '',
            email: raw.CONFLUENCE_EMAIL ?? '',
            spaceKey: raw.CONFLUENCE_SPACE_KEY ?? '',
          }
        : {
            provider: 'local',
            threshold: raw.KB_MATCH_THRESHOLD,
            articleBaseUrl: raw.KB_ARTICLE_BASE_URL ?? '',
          },
    ...(raw.SLA_WATCH_STATE_MACHINE_ARN
      ? { slaWatchStateMachineArn: raw.SLA_WATCH_STATE_MACHINE_ARN }
      : {}),
  };
  return config;
});

/** The issue tracker's API token (Jira Cloud), read by the step that files issues. */
export const jiraToken = secretSetting('JIRA_TOKEN', 'the Jira API token');
/** Read only with KNOWLEDGE_BASE=confluence, by the knowledge base search. */
export const confluenceToken = secretSetting(
  'CONFLUENCE_TOKEN',
  'the Confluence API token (required with KNOWLEDGE_BASE=confluence)',
);
