/**
 * Business time: opening hours on working days in one time zone, minus holidays. SLA deadlines
 * counted in business hours or days run only while the support team is at work.
 */
import { instantAt, wallClock } from '../core/wall-clock';

export interface BusinessCalendar {
  timeZone: string;
  /** Minutes after midnight on the zone's clock, e.g. 540 for 09:00. */
  opensAt: number;
  /** Minutes after midnight, after `opensAt`; 1440 for midnight at the end of the day. */
  closesAt: number;
  /** Days of the week with opening hours: 0 Sunday to 6 Saturday. */
  workingDays: number[];
  /** Dates (YYYY-MM-DD, on the zone's calendar) without opening hours. */
  holidays: string[];
}

/** A calendar that never opens would loop for ever; ten years of closed days is a bad config. */
const MAX_DAYS = 3660;

/** Length of one business day in minutes: what "1 business day" of an SLA counts. */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  return calendar.closesAt - calendar.opensAt;
}

/**
 * The instant `minutes` of business time after `from`. Time outside opening hours does not count,
 * so a call on Saturday starts counting at Monday's opening, and 0 minutes from a closed moment
 * is the next opening.
 *
 * @example addBusinessMinutes(fridayAt4pm, 120, nineToFiveBerlin) // Monday 10:00 Berlin time
 */
export function addBusinessMinutes(from: Date, minutes: number, calendar: BusinessCalendar): Date {
  const { year, month, day } = wallClock(from, calendar.timeZone);
  let remaining = minutes * 60_000;

  for (let offset = 0; offset < MAX_DAYS; offset += 1) {
    const date = new Date(Date.UTC(year, month - 1, day + offset));
    if (!isOpenOn(date, calendar)) continue;

    const clock = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
    };
    const at = (minuteOfDay: number) =>
      instantAt(
        { ...clock, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
        calendar.timeZone,
      ).getTime();
    const start = Math.max(from.getTime(), at(calendar.opensAt));
    const available = at(calendar.closesAt) - start;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new RangeError('The business calendar has no opening hours in the next ten years');
}

function isOpenOn(date: Date, calendar: BusinessCalendar): boolean {
  if (!calendar.workingDays.includes(date.getUTCDay())) return false;
  return !calendar.holidays.includes(date.toISOString().slice(0, 10));
}
