import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../functions/core/call';
import {
  type MessageFacts,
  spokenMessage,
  spokenTime,
} from '../../../functions/intake/spoken-message';

const BERLIN = 'Europe/Berlin';
/** Tuesday 12 March 2024, 13:00 in Berlin (CET, UTC+1). */
const TUESDAY_NOON_UTC = new Date('2024-03-12T12:00:00Z');

function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    status: 'completed',
    failedChannels: [],
    workingChannels: ['email', 'chat', 'calendar'],
    hasWarnings: false,
    timeZone: BERLIN,
    ...overrides,
  };
}

describe('spokenTime', () => {
  it.each<[string, Language, string, string]>([
    ['later the same day', 'en', '2024-03-12T15:30:00Z', 'today at 4:30 pm'],
    ['later the same day', 'de', '2024-03-12T15:30:00Z', 'heute um 16:30 Uhr'],
    ['the next morning', 'en', '2024-03-13T09:15:00Z', 'tomorrow at 10:15 am'],
    ['the next morning', 'de', '2024-03-13T09:15:00Z', 'morgen um 10:15 Uhr'],
    ['a day two days ahead by its weekday', 'en', '2024-03-14T09:15:00Z', 'Thursday at 10:15 am'],
    [
      'a day two days ahead by its weekday',
      'de',
      '2024-03-14T09:15:00Z',
      'Donnerstag um 10:15 Uhr',
    ],
    ['a whole hour without minutes', 'en', '2024-03-13T09:00:00Z', 'tomorrow at 10 am'],
  ])('names %s (%s)', (_, language, iso, expected) => {
    expect(spokenTime(iso, language, BERLIN, TUESDAY_NOON_UTC)).toBe(expected);
  });

  it('says a whole hour in German with a single "Uhr"', () => {
    // Prepare: 09:00 UTC on 13 March is 10:00 in Berlin
    const iso = '2024-03-13T09:00:00Z';

    // Act
    const spoken = spokenTime(iso, 'de', BERLIN, TUESDAY_NOON_UTC);

    // Assess
    expect(spoken).toBe('morgen um 10 Uhr');
  });

  it.each<[Language, string]>([
    ['en', 'tomorrow at 12:30 am'],
    ['de', 'morgen um 0:30 Uhr'],
  ])('counts 23:30 UTC as the next day in Berlin (%s)', (language, expected) => {
    // Prepare: 23:30 UTC on Tuesday is already 00:30 on Wednesday in Berlin
    const iso = '2024-03-12T23:30:00Z';

    // Act
    const spoken = spokenTime(iso, language, BERLIN, TUESDAY_NOON_UTC);

    // Assess
    expect(spoken).toBe(expected);
  });

  it.each<[Language, string]>([
    ['en', 'today at 10:15 am'],
    ['de', 'heute um 10:15 Uhr'],
  ])(
    'counts from the day it already is in Berlin when UTC is still on the day before (%s)',
    (language, expected) => {
      // Prepare: at 23:30 UTC on Tuesday it is Wednesday in Berlin; 09:15 UTC Wednesday is that day
      const now = new Date('2024-03-12T23:30:00Z');

      // Act
      const spoken = spokenTime('2024-03-13T09:15:00Z', language, BERLIN, now);

      // Assess
      expect(spoken).toBe(expected);
    },
  );

  it('counts the next day in New York although UTC is already on that day', () => {
    // Prepare: 02:00 UTC on 13 March is 22:00 on the 12th in New York (EDT, UTC-4)
    const now = new Date('2024-03-13T02:00:00Z');

    // Act
    const spoken = spokenTime('2024-03-13T13:00:00Z', 'en', 'America/New_York', now);

    // Assess
    expect(spoken).toBe('tomorrow at 9 am');
  });

  it('keeps the minutes of a half-hour time in a zone offset by a half hour', () => {
    // Prepare: 05:00 UTC is 10:30 in Kolkata (UTC+5:30)
    const now = new Date('2024-03-12T06:00:00Z');

    // Act
    const spoken = spokenTime('2024-03-13T05:00:00Z', 'en', 'Asia/Kolkata', now);

    // Assess
    expect(spoken).toBe('tomorrow at 10:30 am');
  });
});

describe('spokenMessage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(TUESDAY_NOON_UTC);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('confirms a completed request with the follow-up time and the team in English', () => {
    // Act
    const message = spokenMessage(
      facts({ followUpAt: '2024-03-13T09:30:00.000Z', team: 'enterprise' }),
      'en',
    );

    // Assess
    expect(message).toBe(
      'Perfect! I have processed your request and scheduled a follow-up for tomorrow at 10:30 am. ' +
        'A colleague from our enterprise sales team will get in touch with you.',
    );
  });

  it('confirms a completed request with the follow-up time and the team in German', () => {
    // Act
    const message = spokenMessage(
      facts({ followUpAt: '2024-03-13T09:30:00.000Z', team: 'inside' }),
      'de',
    );

    // Assess
    expect(message).toBe(
      'Perfekt! Ich habe Ihre Anfrage aufgenommen und einen Rückruf für morgen um 10:30 Uhr ' +
        'eingeplant. Eine Kollegin oder ein Kollege aus unserem Inside-Sales-Team meldet sich bei Ihnen.',
    );
  });

  it.each<[Language, string]>([
    ['en', 'Perfect! I have processed your request.'],
    ['de', 'Perfekt! Ich habe Ihre Anfrage aufgenommen.'],
  ])(
    'confirms a completed request without follow-up or team in one sentence (%s)',
    (language, expected) => {
      expect(spokenMessage(facts(), language)).toBe(expected);
    },
  );

  it.each<[Language, RegExp]>([
    ['en', /If you do not receive a confirmation within the next hour/],
    ['de', /Falls Sie innerhalb der nächsten Stunde keine Bestätigung erhalten/],
  ])(
    'reassures instead of promising a time when a completed run has warnings (%s)',
    (language, reassurance) => {
      // Act
      const message = spokenMessage(
        facts({ hasWarnings: true, followUpAt: '2024-03-13T09:30:00Z', team: 'standard' }),
        language,
      );

      // Assess
      expect(message).toMatch(reassurance);
      expect(message).not.toMatch(/10:30/);
    },
  );

  it('names the failed service and the confirmations received in an English partial success', () => {
    // Act
    const message = spokenMessage(
      facts({
        status: 'partial',
        failedChannels: ['chat'],
        workingChannels: ['email', 'calendar'],
      }),
      'en',
    );

    // Assess
    expect(message).toBe(
      'Everything is set up. There was a minor technical note regarding the chat service, ' +
        'but you have received the e-mail confirmation and the calendar invitation.',
    );
  });

  it('lists several failed and working channels with commas and "and"', () => {
    // Act
    const message = spokenMessage(
      facts({
        status: 'partial',
        failedChannels: ['sms', 'chat', 'crm'],
        workingChannels: ['email', 'calendar'],
      }),
      'en',
    );

    // Assess
    expect(message).toBe(
      'Everything is set up. There was a minor technical note regarding the SMS service, the ' +
        'chat service and the CRM, but you have received the e-mail confirmation and the calendar ' +
        'invitation.',
    );
  });

  it('names the failed and working channels in a German partial success', () => {
    // Act
    const message = spokenMessage(
      facts({ status: 'partial', failedChannels: ['chat', 'sms'], workingChannels: ['email'] }),
      'de',
    );

    // Assess
    expect(message).toBe(
      'Alles ist eingerichtet. Es gab einen kleinen technischen Hinweis zum Chat-Dienst und zum ' +
        'SMS-Dienst, aber Sie haben die E-Mail-Bestätigung erhalten.',
    );
  });

  it.each<[Language, string]>([
    ['en', 'Everything is set up. There was a minor technical note regarding one service.'],
    ['de', 'Alles ist eingerichtet. Es gab einen kleinen technischen Hinweis zu einem Dienst.'],
  ])('speaks of one service when a partial outcome names no channel (%s)', (language, expected) => {
    expect(
      spokenMessage(
        facts({ status: 'partial', failedChannels: [], workingChannels: [] }),
        language,
      ),
    ).toBe(expected);
  });

  it.each<[Language, RegExp]>([
    ['en', /a specialist will review your request personally/],
    ['de', /prüft eine Spezialistin oder ein Spezialist Ihre Anfrage persönlich/],
  ])('tells the caller a specialist reviews a request pending approval (%s)', (language, text) => {
    expect(spokenMessage(facts({ status: 'pending_approval' }), language)).toMatch(text);
  });

  it.each<[Language, RegExp]>([
    ['en', /still being processed.*confirmation by e-mail/],
    ['de', /Bearbeitung läuft noch.*Bestätigung per E-Mail/],
  ])('promises an e-mail confirmation while the run is still going (%s)', (language, text) => {
    expect(spokenMessage(facts({ status: 'accepted' }), language)).toMatch(text);
  });

  it.each<[Language, RegExp]>([
    ['en', /something went wrong on our side.*try again in a few minutes/],
    ['de', /Fehler aufgetreten.*in ein paar Minuten noch einmal/],
  ])(
    'apologises and asks to try again, promising nothing, when the run failed (%s)',
    (language, text) => {
      // Act
      const message = spokenMessage(
        facts({ status: 'failed', followUpAt: '2024-03-13T09:30:00Z', team: 'standard' }),
        language,
      );

      // Assess
      expect(message).toMatch(text);
      expect(message).not.toMatch(/10:30/);
    },
  );
});
