/** When follow-ups happen: the next business day at a fixed hour, or soon for critical calls. */
import { instantAt, wallClock } from '../core/wall-clock';

/** The next Monday-to-Friday after `from`, at `hour` o'clock in `timeZone`. */
export function nextBusinessDayAt(from: Date, hour: number, timeZone: string): Date {
  let { year, month, day } = wallClock(from, timeZone);
  for (;;) {
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    year = next.getUTCFullYear();
    month = next.getUTCMonth() + 1;
    day = next.getUTCDate();
    const weekday = next.getUTCDay();
    if (weekday !== 0 && weekday !== 6)
      return instantAt({ year, month, day, hour, minute: 0 }, timeZone);
  }
}

/** A meeting inside the 4 hours a critical call is promised: one hour out, on a quarter hour. */
export function urgentMeetingAt(from: Date): Date {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((from.getTime() + 60 * 60_000) / quarter) * quarter);
}
