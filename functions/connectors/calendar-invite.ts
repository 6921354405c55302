/** Builds an iCalendar (RFC 5545) meeting request to attach to an e-mail as `invite.ics`. */

const CRLF = '\r\n';

/** RFC 5545 §3.1: content lines are folded after at most 75 octets. */
const MAX_LINE_OCTETS = 75;

const encoder = new TextEncoder();

export interface CalendarParty {
  name?: string;
  email: string;
}

export interface CalendarInvite {
  /** Stable per meeting: a re-sent invite with the same uid updates the event, not duplicates it. */
  uid: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  organizer: CalendarParty;
  attendee: CalendarParty;
  location?: string;
  /** Raise for each update of the same uid. */
  sequence?: number;
  /** When the invite was made (DTSTAMP); now when not given. */
  now?: Date;
}

/** The media type to send the invite with, so mail clients offer accept / decline. */
export const CALENDAR_INVITE_CONTENT_TYPE = 'text/calendar; method=REQUEST; charset=UTF-8';

export function buildCalendarInvite(invite: CalendarInvite): string {
  if (Number.isNaN(invite.start.getTime())) throw new RangeError('The meeting start is not a date');
  if (!(invite.durationMinutes > 0)) throw new RangeError('The meeting needs a positive duration');
  const end = new Date(invite.start.getTime() + invite.durationMinutes * 60_000);

  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//voice-call-automation//follow-up invite//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `DTSTAMP:${utcDateTime(invite.now ?? new Date())}`,
    `DTSTART:${utcDateTime(invite.start)}`,
    `DTEND:${utcDateTime(end)}`,
    `SEQUENCE:${invite.sequence ?? 0}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    ...(invite.location ? [`LOCATION:${escapeText(invite.location)}`] : []),
    `ORGANIZER${commonName(invite.organizer)}:${calAddress(invite.organizer)}`,
    `ATTENDEE${commonName(invite.attendee)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE` +
      `:${calAddress(invite.attendee)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds after 75 octets without splitting a UTF-8 character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** `;CN="…"`: a quoted parameter value cannot hold quotes or control characters, so drop them. */
function commonName(party: CalendarParty): string {
  const name = party.name?.replace(/["\p{Cc}]/gu, '').trim();
  return name ? `;CN="${name}"` : '';
}

/** A CAL-ADDRESS is a URI: no whitespace or control characters may reach the line. */
function calAddress(party: CalendarParty): string {
  return `mailto:${party.email.replace(/[\s\p{Cc}]/gu, '')}`;
}

function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
