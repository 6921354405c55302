/** The time the agent stamped on a call, read from ISO 8601 or Unix epoch seconds/milliseconds. */

export type CallTimestamp = { kind: 'time'; iso: string } | { kind: 'unreadable' };

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

// Anything outside these years is a mis-read unit or a made-up value, not the time of a call.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

// Below this an epoch number is taken as seconds; 1e11 seconds is the year 5138, while 1e11
// milliseconds is 1973, so the two ranges cannot be confused for plausible calls.
const SECONDS_LIMIT = 1e11;

/**
 * Reads the text or number; a time without an offset is taken as UTC, which is what the agent's
 * platform stamps.
 *
 * @example readCallTimestamp('1705312800') // { kind: 'time', iso: '2024-01-15T10:00:00.000Z' }
 */
export function readCallTimestamp(value: string | number): CallTimestamp {
  const millis = typeof value === 'number' ? fromEpoch(value) : fromText(value.trim());
  if (millis === undefined || millis < EARLIEST || millis >= LATEST) return { kind: 'unreadable' };
  return { kind: 'time', iso: new Date(millis).toISOString() };
}

function fromText(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromEpoch(Number(text));

  const parts = ISO_8601.exec(text);
  if (parts === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset] =
    parts;

  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Math.round(Number(`0.${fraction}`) * 1000),
  );
  // Date.UTC rolls 31 February over into March; a date that does not survive the round trip is
  // not a date.
  const check = new Date(local);
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) {
    return undefined;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return local - offsetMillis(offset);
}

function fromEpoch(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return value < SECONDS_LIMIT ? value * 1000 : value;
}

/** "+01:00", "+0100" or "+01" as milliseconds east of UTC; "Z" or none is 0. */
function offsetMillis(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}
