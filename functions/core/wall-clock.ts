/** Reading and setting the clock of a time zone, with the formatter built once per zone. */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock in `timeZone` shows at `date`. */
export function wallClock(date: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The instant at which a clock in `timeZone` shows `clock` (the later one in a DST overlap). */
export function instantAt(clock: WallClock, timeZone: string): Date {
  const asUtc = (c: WallClock) => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute);
  const guess = asUtc(clock);
  const offset = asUtc(wallClock(new Date(guess), timeZone)) - guess;
  return new Date(guess - offset);
}

/** Whole calendar days from `from` to `to` on a clock in `timeZone`. */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const day = (date: Date) => {
    const clock = wallClock(date, timeZone);
    return Date.UTC(clock.year, clock.month - 1, clock.day);
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}
