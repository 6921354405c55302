import { describe, expect, it } from 'vitest';
import {
  buildCalendarInvite,
  escapeText,
  foldLine,
} from '../../functions/connectors/calendar-invite';

const invite = (overrides: Partial<Parameters<typeof buildCalendarInvite>[0]> = {}) =>
  buildCalendarInvite({
    uid: 'call-123@our-company.example',
    start: new Date('2030-05-06T09:00:00Z'),
    durationMinutes: 45,
    summary: 'Follow-up call',
    description: 'Demo',
    organizer: { name: 'Rita Rep', email: 'rep@our-company.example' },
    attendee: { email: 'maria.keller@acme-industries.example' },
    now: new Date('2030-05-01T12:00:00Z'),
    ...overrides,
  });

/** Undoes RFC 5545 folding: CRLF followed by one space joins the lines. */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

describe('buildCalendarInvite', () => {
  it('writes a METHOD:REQUEST VEVENT with UTC times and CRLF line ends', () => {
    const text = invite();

    const lines = unfold(text);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:call-123@our-company.example',
        'DTSTAMP:20300501T120000Z',
        'DTSTART:20300506T090000Z',
        'DTEND:20300506T094500Z',
        'ORGANIZER;CN="Rita Rep":mailto:rep@our-company.example',
        'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:maria.keller@acme-industries.example',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    expect(lines.indexOf('BEGIN:VEVENT')).toBeLessThan(lines.indexOf('END:VEVENT'));
  });

  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    const text = invite({
      summary: 'Demo; Preise, Fragen',
      description: 'a\\b\nc\r\nd',
      location: 'Raum 1, 2. OG',
    });

    const lines = unfold(text);
    expect(lines).toContain('SUMMARY:Demo\\; Preise\\, Fragen');
    expect(lines).toContain('DESCRIPTION:a\\\\b\\nc\\nd');
    expect(lines).toContain('LOCATION:Raum 1\\, 2. OG');
  });

  it('keeps quotes and line breaks out of a CN parameter', () => {
    const lines = unfold(
      invite({ attendee: { name: 'Maria "Mia"\nKeller', email: 'm@acme-industries.example' } }),
    );

    expect(lines.some((l) => l.startsWith('ATTENDEE;CN="Maria MiaKeller";'))).toBe(true);
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const description = 'Größenordnung ü€ 📞 '.repeat(20);

    const text = invite({ description });

    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // No line may start or end inside a surrogate pair (an emoji cut in half).
      expect(line).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(unfold(text)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });

  it('rejects a meeting without a positive duration', () => {
    expect(() => invite({ durationMinutes: 0 })).toThrow(RangeError);
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds the 76th onto a continuation line', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });
});
