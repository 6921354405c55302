import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../../functions/support/business-calendar';
import {
  parseSlaTarget,
  type SlaPolicy,
  startSla,
  supportLevel,
} from '../../../functions/support/sla';

const CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
};

const POLICY: SlaPolicy = {
  targets: {
    critical: { amount: 1, unit: 'hours' },
    high: { amount: 4, unit: 'hours' },
    medium: { amount: 1, unit: 'business_days' },
    low: { amount: 3, unit: 'business_days' },
  },
  warningPercent: 80,
  calendar: CALENDAR,
};

describe('supportLevel', () => {
  it.each([
    ['low', undefined, false, 'low'],
    ['medium', 'high', false, 'high'],
    ['high', 'low', false, 'high'],
    ['medium', undefined, true, 'high'],
    ['high', undefined, true, 'critical'],
    ['critical', 'high', true, 'critical'],
  ] as const)(
    'urgency %s, priority %s, complaint %s: %s',
    (urgency, priority, complaint, level) => {
      expect(supportLevel(urgency, priority, complaint)).toBe(level);
    },
  );
});

describe('parseSlaTarget', () => {
  it.each([
    ['1h', { amount: 1, unit: 'hours' }],
    ['30m', { amount: 30, unit: 'minutes' }],
    [' 8BH ', { amount: 8, unit: 'business_hours' }],
    ['3bd', { amount: 3, unit: 'business_days' }],
    ['1.5h', { amount: 1.5, unit: 'hours' }],
  ])('reads %j', (text, target) => {
    expect(parseSlaTarget(text)).toEqual(target);
  });

  it.each(['', '4', 'four hours', '0h', '-1h', '2 weeks'])('refuses %j', (text) => {
    expect(parseSlaTarget(text)).toBeUndefined();
  });
});

describe('startSla', () => {
  it('gives a critical ticket one clock hour, night or day, and warns after 48 minutes', () => {
    // Prepare: Saturday 02:00 in Berlin
    const from = new Date('2024-03-16T01:00:00Z');

    // Act
    const timer = startSla('critical', from, POLICY);

    // Assess
    expect(timer).toEqual({
      level: 'critical',
      target: '1h',
      startedAt: '2024-03-16T01:00:00.000Z',
      warnAt: '2024-03-16T01:48:00.000Z',
      dueAt: '2024-03-16T02:00:00.000Z',
      withinMinutes: 60,
    });
  });

  it('gives a medium ticket from Friday 14:00 until Monday 14:00, warning on Monday morning', () => {
    // Prepare: Friday 15 March 2024, 14:00 Berlin (13:00 UTC)
    const from = new Date('2024-03-15T13:00:00Z');

    // Act
    const timer = startSla('medium', from, POLICY);

    // Assess: 80 % of 8 business hours is 6 h 24 min: 3 h on Friday, 3 h 24 min on Monday
    expect(timer.dueAt).toBe('2024-03-18T13:00:00.000Z');
    expect(timer.warnAt).toBe('2024-03-18T11:24:00.000Z');
    expect(timer.withinMinutes).toBeUndefined();
  });

  it('gives a low ticket three business days', () => {
    // Prepare: Wednesday 13 March 2024, 10:00 Berlin
    const from = new Date('2024-03-13T09:00:00Z');

    // Act
    const timer = startSla('low', from, POLICY);

    // Assess: Monday 18 March, 10:00 Berlin
    expect(timer.dueAt).toBe('2024-03-18T09:00:00.000Z');
  });
});
