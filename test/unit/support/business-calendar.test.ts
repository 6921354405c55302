import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
} from '../../../functions/support/business-calendar';

const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  workingDays: [1, 2, 3, 4, 5],
  holidays: ['2024-12-25', '2024-12-26'],
};

describe('addBusinessMinutes', () => {
  // Berlin is UTC+1 (CET) in winter and UTC+2 (CEST) from the last Sunday of March.
  it.each([
    ['within the same day', '2024-03-12T09:00:00Z', 120, '2024-03-12T11:00:00.000Z'],
    ['across the evening', '2024-03-12T15:00:00Z', 120, '2024-03-13T09:00:00.000Z'],
    ['across the weekend', '2024-03-15T15:00:00Z', 120, '2024-03-18T09:00:00.000Z'],
    ['from a Saturday', '2024-03-16T10:00:00Z', 60, '2024-03-18T09:00:00.000Z'],
    ['from before opening', '2024-03-12T05:00:00Z', 30, '2024-03-12T08:30:00.000Z'],
    ['zero minutes after closing', '2024-03-12T18:00:00Z', 0, '2024-03-13T08:00:00.000Z'],
  ])('counts only opening hours: %s', (_, from, minutes, expected) => {
    // Act
    const at = addBusinessMinutes(new Date(from), minutes, BERLIN);

    // Assess
    expect(at.toISOString()).toBe(expected);
  });

  it('makes one business day from Friday afternoon end on Monday afternoon', () => {
    // Prepare: Friday 15 March 2024, 14:00 in Berlin
    const from = new Date('2024-03-15T13:00:00Z');

    // Act
    const due = addBusinessMinutes(from, 8 * 60, BERLIN);

    // Assess: Monday 18 March, 14:00 in Berlin
    expect(due.toISOString()).toBe('2024-03-18T13:00:00.000Z');
  });

  it('skips holidays', () => {
    // Prepare: Tuesday 24 December 2024, 16:00 in Berlin; 25 and 26 December are closed
    const from = new Date('2024-12-24T15:00:00Z');

    // Act
    const due = addBusinessMinutes(from, 120, BERLIN);

    // Assess: one hour on the 24th, one on Friday the 27th
    expect(due.toISOString()).toBe('2024-12-27T09:00:00.000Z');
  });

  it('keeps opening hours on the local clock across the change to summer time', () => {
    // Prepare: Friday 29 March 2024 16:00 CET; Monday 1 April opens at 09:00 CEST (07:00 UTC)
    const from = new Date('2024-03-29T15:00:00Z');

    // Act
    const due = addBusinessMinutes(from, 120, BERLIN);

    // Assess
    expect(due.toISOString()).toBe('2024-04-01T08:00:00.000Z');
  });

  it('uses the calendar of its own time zone, not the server clock', () => {
    // Prepare: 9-to-5 in New York (UTC-4 in summer), Monday 8 July 2024 16:30 local
    const newYork: BusinessCalendar = { ...BERLIN, timeZone: 'America/New_York', holidays: [] };
    const from = new Date('2024-07-08T20:30:00Z');

    // Act
    const due = addBusinessMinutes(from, 60, newYork);

    // Assess: half an hour on Monday, half an hour from 09:00 Tuesday local (13:00 UTC)
    expect(due.toISOString()).toBe('2024-07-09T13:30:00.000Z');
  });

  it('reads the weekday on the zone calendar: 23:30 UTC on Friday is already Saturday in Berlin', () => {
    // Act
    const due = addBusinessMinutes(new Date('2024-03-15T23:30:00Z'), 60, BERLIN);

    // Assess
    expect(due.toISOString()).toBe('2024-03-18T09:00:00.000Z');
  });

  it('refuses a calendar without working days instead of looping', () => {
    // Prepare
    const closed = { ...BERLIN, workingDays: [] };

    // Act + Assess
    expect(() => addBusinessMinutes(new Date('2024-03-12T09:00:00Z'), 60, closed)).toThrow(
      /no opening hours/,
    );
  });
});
