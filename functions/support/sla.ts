/**
 * The support SLA: how urgent a ticket is (its level), and by when the technical team must answer
 * it. Targets are set per level in clock time (`1h`, `30m`) or business time (`8bh`, `1bd`).
 */
import type { Priority, Urgency } from '../core/call';
import { addBusinessMinutes, type BusinessCalendar, businessDayMinutes } from './business-calendar';

/** Lowest first; a ticket's level is also its helpdesk priority. */
export const SUPPORT_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export type SlaUnit = 'minutes' | 'hours' | 'business_hours' | 'business_days';

export interface SlaTarget {
  amount: number;
  unit: SlaUnit;
}

export interface SlaPolicy {
  targets: Record<SupportLevel, SlaTarget>;
  /** Share of the SLA after which the team is warned, e.g. 80 (percent). */
  warningPercent: number;
  calendar: BusinessCalendar;
}

/** What the support workflow promises and watches. */
export interface SlaTimer {
  level: SupportLevel;
  /** The target as configured, e.g. `4h` or `1bd`. */
  target: string;
  startedAt: string;
  /** When the team is warned that the SLA is about to be breached. */
  warnAt: string;
  /** When the customer was promised an answer. */
  dueAt: string;
  /** For clock-time targets: the promise as a duration ("within 4 hours"). */
  withinMinutes?: number;
}

const UNITS: Record<string, SlaUnit> = {
  m: 'minutes',
  h: 'hours',
  bh: 'business_hours',
  bd: 'business_days',
};

/** Reads `1h`, `30m`, `8bh` or `3bd`; `undefined` for anything else. */
export function parseSlaTarget(text: string): SlaTarget | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(m|h|bh|bd)\s*$/i.exec(text);
  const unit = match?.[2] ? UNITS[match[2].toLowerCase()] : undefined;
  const amount = Number(match?.[1]);
  if (!unit || !(amount > 0)) return undefined;
  return { amount, unit };
}

export function formatSlaTarget(target: SlaTarget): string {
  const suffix = Object.entries(UNITS).find(([, unit]) => unit === target.unit)?.[0] ?? '';
  return `${target.amount}${suffix}`;
}

/**
 * The ticket's level: the higher of the call's urgency and the agent's priority, one level up for
 * a complaint (a complaint about a slow answer should not get another slow answer).
 */
export function supportLevel(
  urgency: Urgency,
  priority: Priority | undefined,
  complaint: boolean,
): SupportLevel {
  const rank = Math.max(
    SUPPORT_LEVELS.indexOf(urgency),
    priority ? SUPPORT_LEVELS.indexOf(priority) : 0,
  );
  const raised = complaint ? Math.min(rank + 1, SUPPORT_LEVELS.length - 1) : rank;
  return SUPPORT_LEVELS[raised] ?? 'medium';
}

/** Adds `share` (0 to 1) of the target to `from`, in clock or business time. */
function after(from: Date, target: SlaTarget, share: number, calendar: BusinessCalendar): Date {
  const minutes = {
    minutes: target.amount,
    hours: target.amount * 60,
    business_hours: target.amount * 60,
    business_days: target.amount * businessDayMinutes(calendar),
  }[target.unit];
  if (target.unit === 'minutes' || target.unit === 'hours') {
    return new Date(from.getTime() + Math.round(minutes * share * 60_000));
  }
  return addBusinessMinutes(from, minutes * share, calendar);
}

/** Starts the SLA clock of a ticket of `level` at `from`. */
export function startSla(level: SupportLevel, from: Date, policy: SlaPolicy): SlaTimer {
  const target = policy.targets[level];
  const clockTime = target.unit === 'minutes' || target.unit === 'hours';
  return {
    level,
    target: formatSlaTarget(target),
    startedAt: from.toISOString(),
    warnAt: after(from, target, policy.warningPercent / 100, policy.calendar).toISOString(),
    dueAt: after(from, target, 1, policy.calendar).toISOString(),
    ...(clockTime
      ? { withinMinutes: target.unit === 'hours' ? target.amount * 60 : target.amount }
      : {}),
  };
}
