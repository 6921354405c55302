import { describe, expect, it } from 'vitest';
import { nextBusinessDayAt, urgentMeetingAt } from '../../../functions/lead/follow-up-time';

const BERLIN = 'Europe/Berlin';
const FOLLOW_UP_HOUR = 10;

const clocks = new Map<string, Intl.DateTimeFormat>();

/** What a wall clock in `timeZone` shows at `date`, e.g. "Mon 18.03.2024 10:00". */
function wallClock(date: Date, timeZone: string): string {
  const clock =
    clocks.get(timeZone) ??
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  clocks.set(timeZone, clock);
  const parts = clock.formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value;
  return `${get('weekday')} ${get('day')}.${get('month')}.${get('year')} ${get('hour')}:${get('minute')}`;
}

describe('nextBusinessDayAt', () => {
  // Berlin is UTC+1 (CET) until 31 March 2024 and from 27 October 2024, UTC+2 (CEST) between.
  it.each([
    ['Thursday', '2024-03-14T12:00:00Z', '2024-03-15T09:00:00.000Z'],
    ['Friday', '2024-03-15T12:00:00Z', '2024-03-18T09:00:00.000Z'],
    ['Saturday', '2024-03-16T12:00:00Z', '2024-03-18T09:00:00.000Z'],
    ['Sunday', '2024-03-17T12:00:00Z', '2024-03-18T09:00:00.000Z'],
    ['Monday before the follow-up hour', '2024-03-18T06:00:00Z', '2024-03-19T09:00:00.000Z'],
  ])('schedules a call on a %s for the next business day at 10:00 Berlin time', (_, from, at) => {
    // Act
    const followUp = nextBusinessDayAt(new Date(from), FOLLOW_UP_HOUR, BERLIN);

    // Assess
    expect(followUp.toISOString()).toBe(at);
  });

  it('takes the day from the time zone: 23:30 UTC on Thursday is already Friday in Berlin', () => {
    // Prepare
    const from = new Date('2024-03-14T23:30:00Z');

    // Act
    const followUp = nextBusinessDayAt(from, FOLLOW_UP_HOUR, BERLIN);

    // Assess
    expect(wallClock(followUp, BERLIN)).toBe('Mon 18.03.2024 10:00');
    expect(followUp.toISOString()).toBe('2024-03-18T09:00:00.000Z');
  });

  it('schedules across the spring change to summer time at 10:00 CEST', () => {
    // Prepare: Friday 29 March is CET; clocks go forward on Sunday 31 March
    const from = new Date('2024-03-29T12:00:00Z');

    // Act
    const followUp = nextBusinessDayAt(from, FOLLOW_UP_HOUR, BERLIN);

    // Assess
    expect(followUp.toISOString()).toBe('2024-04-01T08:00:00.000Z');
    expect(wallClock(followUp, BERLIN)).toBe('Mon 01.04.2024 10:00');
  });

  it('schedules across the autumn change back to standard time at 10:00 CET', () => {
    // Prepare: Friday 25 October is CEST; clocks go back on Sunday 27 October
    const from = new Date('2024-10-25T12:00:00Z');

    // Act
    const followUp = nextBusinessDayAt(from, FOLLOW_UP_HOUR, BERLIN);

    // Assess
    expect(followUp.toISOString()).toBe('2024-10-28T09:00:00.000Z');
    expect(wallClock(followUp, BERLIN)).toBe('Mon 28.10.2024 10:00');
  });

  it.each([
    ['the week before the spring change', '2024-03-27T12:00:00Z', '2024-03-28T09:00:00.000Z'],
    ['the week after the spring change', '2024-04-01T12:00:00Z', '2024-04-02T08:00:00.000Z'],
    ['the week before the autumn change', '2024-10-23T12:00:00Z', '2024-10-24T08:00:00.000Z'],
    ['the week after the autumn change', '2024-10-28T12:00:00Z', '2024-10-29T09:00:00.000Z'],
  ])('uses the offset of the target day in %s', (_, from, at) => {
    // Act
    const followUp = nextBusinessDayAt(new Date(from), FOLLOW_UP_HOUR, BERLIN);

    // Assess
    expect(followUp.toISOString()).toBe(at);
  });

  it.each([
    [
      'New York after the March change',
      'America/New_York',
      '2024-03-08T18:00:00Z',
      '2024-03-11T14:00:00.000Z',
    ],
    [
      'New York after the November change',
      'America/New_York',
      '2024-11-01T18:00:00Z',
      '2024-11-04T15:00:00.000Z',
    ],
    [
      'Tokyo, where Friday night UTC is Saturday',
      'Asia/Tokyo',
      '2024-03-15T16:00:00Z',
      '2024-03-18T01:00:00.000Z',
    ],
    [
      'Kolkata, half an hour off UTC',
      'Asia/Kolkata',
      '2024-03-13T06:00:00Z',
      '2024-03-14T04:30:00.000Z',
    ],
  ])('honours the time zone in %s', (_, timeZone, from, at) => {
    // Act
    const followUp = nextBusinessDayAt(new Date(from), FOLLOW_UP_HOUR, timeZone);

    // Assess
    expect(followUp.toISOString()).toBe(at);
    expect(wallClock(followUp, timeZone)).toMatch(/ 10:00$/);
  });

  it('lands on the next UTC day for an evening hour west of UTC', () => {
    // Prepare: 18:00 PDT (UTC-7) on Monday is 01:00 UTC on Tuesday
    const from = new Date('2024-03-15T20:00:00Z');

    // Act
    const followUp = nextBusinessDayAt(from, 18, 'America/Los_Angeles');

    // Assess
    expect(followUp.toISOString()).toBe('2024-03-19T01:00:00.000Z');
    expect(wallClock(followUp, 'America/Los_Angeles')).toBe('Mon 18.03.2024 18:00');
  });

  it.each([
    ['the end of a month', '2024-05-31T12:00:00Z', '2024-06-03T08:00:00.000Z'],
    ['the end of a year', '2024-12-27T12:00:00Z', '2024-12-30T09:00:00.000Z'],
    ['a leap day', '2024-02-28T12:00:00Z', '2024-02-29T09:00:00.000Z'],
  ])('counts days correctly across %s', (_, from, at) => {
    expect(nextBusinessDayAt(new Date(from), FOLLOW_UP_HOUR, BERLIN).toISOString()).toBe(at);
  });

  it('never lands on a weekend, whatever day of the week it starts from', () => {
    // Prepare: every hour of two weeks that span the spring change
    const start = Date.parse('2024-03-23T00:00:00Z');
    const froms = Array.from({ length: 14 * 24 }, (_, hour) => new Date(start + hour * 3_600_000));

    // Act
    const followUps = froms.map((from) => nextBusinessDayAt(from, FOLLOW_UP_HOUR, BERLIN));

    // Assess
    for (const [index, followUp] of followUps.entries()) {
      const shown = wallClock(followUp, BERLIN);
      expect(shown, `from ${froms[index]?.toISOString()}`).toMatch(
        /^(Mon|Tue|Wed|Thu|Fri) .* 10:00$/,
      );
      expect(followUp.getTime()).toBeGreaterThan(froms[index]?.getTime() ?? Number.NaN);
      expect(followUp.getTime() - (froms[index]?.getTime() ?? 0)).toBeLessThan(4 * 86_400_000);
    }
  });
});

describe('urgentMeetingAt', () => {
  it('books the first quarter hour at least one hour out', () => {
    // Prepare: a critical call at 09:41:27 UTC
    const from = new Date('2024-03-12T09:41:27Z');

    // Act
    const meeting = urgentMeetingAt(from);

    // Assess
    expect(meeting.toISOString()).toBe('2024-03-12T10:45:00.000Z');
  });

  it('books exactly one hour out when the call is on a quarter hour', () => {
    expect(urgentMeetingAt(new Date('2024-03-12T09:45:00.000Z')).toISOString()).toBe(
      '2024-03-12T10:45:00.000Z',
    );
  });

  it('moves to the next quarter for a call a millisecond past the quarter', () => {
    expect(urgentMeetingAt(new Date('2024-03-12T09:45:00.001Z')).toISOString()).toBe(
      '2024-03-12T11:00:00.000Z',
    );
  });

  it('books into the next day for a call late in the evening', () => {
    expect(urgentMeetingAt(new Date('2024-03-12T23:05:10Z')).toISOString()).toBe(
      '2024-03-13T00:15:00.000Z',
    );
  });

  it('keeps every meeting between one and four hours out, on a quarter hour', () => {
    // Prepare: a day of calls 53.001 s apart, so that they fall on ever different parts of a quarter
    const start = Date.parse('2024-03-31T00:00:00Z');
    const froms = Array.from({ length: 1_630 }, (_, step) => new Date(start + step * 53_001));

    // Act
    const meetings = froms.map((from) => urgentMeetingAt(from));

    // Assess
    for (const [index, meeting] of meetings.entries()) {
      const lead = meeting.getTime() - (froms[index]?.getTime() ?? Number.NaN);
      expect(lead).toBeGreaterThanOrEqual(3_600_000);
      expect(lead).toBeLessThan(4 * 3_600_000);
      expect(lead).toBeLessThan(3_600_000 + 15 * 60_000);
      expect(meeting.getTime() % (15 * 60_000)).toBe(0);
      expect(wallClock(meeting, BERLIN)).toMatch(/:(00|15|30|45)$/);
    }
  });
});
