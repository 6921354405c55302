/** When follow-ups happen: the next business day at a fixed hour, or soon for critical calls. */

/** The wall-clock parts of `date` in `timeZone`. */
function zonedParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
  };
}

/** The instant at which the clock in `timeZone` shows the given local date and hour. */
function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string) {
  const guess = Date.UTC(year, month - 1, day, hour);
  const shown = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(shown.find((part) => part.type === type)?.value);
  const offset =
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - guess;
  return new Date(guess - offset);
}

/** The next Monday-to-Friday after `from`, at `hour` o'clock in `timeZone`. */
export function nextBusinessDayAt(from: Date, hour: number, timeZone: string): Date {
  let { year, month, day } = zonedParts(from, timeZone);
  for (;;) {
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    year = next.getUTCFullYear();
    month = next.getUTCMonth() + 1;
    day = next.getUTCDate();
    const weekday = next.getUTCDay();
    if (weekday !== 0 && weekday !== 6) return zonedInstant(year, month, day, hour, timeZone);
  }
}

/** A meeting inside the 4 hours a critical call is promised: one hour out, on a quarter hour. */
export function urgentMeetingAt(from: Date): Date {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((from.getTime() + 60 * 60_000) / quarter) * quarter);
}
