/**
 * Settings of the manager approval: who approves, when reminders and escalation go out, what the
 * deadline does, how approval links are signed, and the journey after approval.
 */
import { z } from 'zod';
import { configSection, readEnv, wholeNumber } from '../core/config';

const hours = (fallback: number) =>
  z.coerce
    .number({ error: 'a number of hours above 0, such as 4 or 0.5' })
    .positive({ error: 'a number of hours above 0, such as 4 or 0.5' })
    .default(fallback);

/** The waits of the approval and the journey after it, in hours; the local stack scales them. */
export const APPROVAL_HOURS = {
  APPROVAL_REMIND_AFTER_HOURS: 4,
  APPROVAL_ESCALATE_AFTER_HOURS: 24,
  APPROVAL_DEADLINE_HOURS: 72,
  CHECK_IN_AFTER_HOURS: 24,
  STATUS_UPDATE_EVERY_HOURS: 24 * 7,
  QUARTERLY_REVIEW_AFTER_HOURS: 24 * 90,
} as const;

/** Where approvals are kept and where their links point. */
const placesSchema = z.object({
  APPROVALS_TABLE: z.string().min(1),
  APPROVAL_BASE_URL: z.string().url('the public https URL of the API, where approval links point'),
});

/**
 * What approval links need besides: the secrets that sign them. Read apart from the approval's
 * other settings, so that only the functions that sign or check links ask for them.
 */
const linkSchema = placesSchema.extend({
  APPROVAL_LINK_SECRETS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((secrets) => secrets.length > 0 && secrets.every((secret) => secret.length >= 32), {
      message: 'one or more comma-separated secrets of at least 32 characters (the first signs)',
    }),
});

const schema = placesSchema
  .extend({
    APPROVER_EMAIL: z.string().email('an e-mail address'),
    ESCALATION_APPROVER_EMAIL: z.string().email('an e-mail address'),
    APPROVAL_REMIND_AFTER_HOURS: hours(APPROVAL_HOURS.APPROVAL_REMIND_AFTER_HOURS),
    APPROVAL_ESCALATE_AFTER_HOURS: hours(APPROVAL_HOURS.APPROVAL_ESCALATE_AFTER_HOURS),
    APPROVAL_DEADLINE_HOURS: hours(APPROVAL_HOURS.APPROVAL_DEADLINE_HOURS),
    APPROVAL_DEADLINE_OUTCOME: z
      .enum(['decline', 'manual'], {
        error: 'decline (the lead goes the standard sales way) or manual (the manual queue)',
      })
      .default('decline'),
    HIGH_VALUE_STATE_MACHINE_ARN: z.string().min(1, 'the ARN of the high-value state machine'),
    CHECK_IN_AFTER_HOURS: hours(APPROVAL_HOURS.CHECK_IN_AFTER_HOURS),
    STATUS_UPDATES: wholeNumber(4, 0, 52),
    STATUS_UPDATE_EVERY_HOURS: hours(APPROVAL_HOURS.STATUS_UPDATE_EVERY_HOURS),
    QUARTERLY_REVIEW_AFTER_HOURS: hours(APPROVAL_HOURS.QUARTERLY_REVIEW_AFTER_HOURS),
  })
  .refine(
    (raw) =>
      raw.APPROVAL_REMIND_AFTER_HOURS < raw.APPROVAL_ESCALATE_AFTER_HOURS &&
      raw.APPROVAL_ESCALATE_AFTER_HOURS < raw.APPROVAL_DEADLINE_HOURS,
    {
      path: ['APPROVAL_DEADLINE_HOURS'],
      message: 'reminder, escalation and deadline must come in that order',
    },
  );

export interface ApprovalLinkConfig {
  table: string;
  baseUrl: string;
  linkSecrets: string[];
}

export interface ApprovalConfig {
  table: string;
  baseUrl: string;
  approver: string;
  escalationApprover: string;
  /** Seconds from the request: whole seconds, at least 1, as Step Functions needs them. */
  remindAfterSeconds: number;
  escalateAfterSeconds: number;
  deadlineSeconds: number;
  deadlineOutcome: 'decline' | 'manual';
  highValueStateMachineArn: string;
  checkInAfterSeconds: number;
  statusUpdates: number;
  statusUpdateEverySeconds: number;
  quarterlyReviewAfterSeconds: number;
}

const seconds = (value: number) => Math.max(1, Math.round(value * 3600));

const places = (raw: z.output<typeof placesSchema>) => ({
  table: raw.APPROVALS_TABLE,
  baseUrl: raw.APPROVAL_BASE_URL.replace(/\/+$/, ''),
});

/** For the approval pages and the steps that sign links: nothing of the workflow's settings. */
export const approvalLinkConfig = configSection((env): ApprovalLinkConfig => {
  const raw = readEnv(linkSchema, env);
  return { ...places(raw), linkSecrets: raw.APPROVAL_LINK_SECRETS };
});

export const approvalConfig = configSection((env): ApprovalConfig => {
  const raw = readEnv(schema, env);
  const config: ApprovalConfig = {
    ...places(raw),
    approver: raw.APPROVER_EMAIL,
    escalationApprover: raw.ESCALATION_APPROVER_EMAIL,
    remindAfterSeconds: seconds(raw.APPROVAL_REMIND_AFTER_HOURS),
    escalateAfterSeconds: seconds(raw.APPROVAL_ESCALATE_AFTER_HOURS),
    deadlineSeconds: seconds(raw.APPROVAL_DEADLINE_HOURS),
    deadlineOutcome: raw.APPROVAL_DEADLINE_OUTCOME,
    highValueStateMachineArn: raw.HIGH_VALUE_STATE_MACHINE_ARN,
    statusUpdates: raw.STATUS_UPDATES,
    checkInAfterSeconds: seconds(raw.CHECK_IN_AFTER_HOURS),
    statusUpdateEverySeconds: seconds(raw.STATUS_UPDATE_EVERY_HOURS),
    quarterlyReviewAfterSeconds: seconds(raw.QUARTERLY_REVIEW_AFTER_HOURS),
  };
  return config;
});
