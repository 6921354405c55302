import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MessageFacts, spokenMessage } from '../../../functions/intake/spoken-message';

/** Friday 4 December 2026, 15:00 in Berlin. */
const FRIDAY_AFTERNOON = new Date('2026-12-04T14:00:00Z');

function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    status: 'completed',
    failedChannels: [],
    workingChannels: ['email'],
    hasWarnings: false,
    timeZone: 'Europe/Berlin',
    ticketNumber: '1042',
    ...overrides,
  };
}

describe('the spoken answer of a support call', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(FRIDAY_AFTERNOON);
  });
  afterEach(() => vi.useRealTimers());

  it('gives the knowledge-base answer, says it was mailed, and names the ticket', () => {
    const answer = facts({ answerGist: 'Open Settings, then Opening hours' });

    expect(spokenMessage(answer, 'en')).toBe(
      'Here is what our help center says: Open Settings, then Opening hours. I have also sent you the answer by e-mail, with a link to the full article. Your ticket number is 1042.',
    );
    expect(spokenMessage(answer, 'de')).toBe(
      'Dazu sagt unser Hilfe-Center: Open Settings, then Opening hours. Ich habe Ihnen die Antwort auch per E-Mail geschickt, mit einem Link zum ganzen Artikel. Ihre Ticketnummer ist 1042.',
    );
  });

  it('does not promise an e-mail that did not go out', () => {
    const answer = facts({
      status: 'partial',
      answerGist: 'Use Forgot password.',
      failedChannels: ['email'],
      workingChannels: [],
    });

    expect(spokenMessage(answer, 'en')).toBe(
      'Here is what our help center says: Use Forgot password. Your ticket number is 1042. There was a minor technical note regarding the e-mail service.',
    );
  });

  it.each([
    [
      60,
      'en',
      'I have opened ticket 1042 for you. Our technical team will get back to you within one hour.',
    ],
    [
      240,
      'en',
      'I have opened ticket 1042 for you. Our technical team will get back to you within 4 hours.',
    ],
    [
      30,
      'en',
      'I have opened ticket 1042 for you. Our technical team will get back to you within 30 minutes.',
    ],
    [
      60,
      'de',
      'Ich habe das Ticket 1042 für Sie angelegt. Unser technisches Team meldet sich innerhalb einer Stunde bei Ihnen.',
    ],
    [
      240,
      'de',
      'Ich habe das Ticket 1042 für Sie angelegt. Unser technisches Team meldet sich innerhalb von 4 Stunden bei Ihnen.',
    ],
  ] as const)(
    'promises a clock-time SLA of %i minutes as a duration (%s)',
    (minutes, language, text) => {
      const answer = facts({
        respondBy: new Date(FRIDAY_AFTERNOON.getTime() + minutes * 60_000).toISOString(),
        respondWithinMinutes: minutes,
      });

      expect(spokenMessage(answer, language)).toBe(text);
    },
  );

  it('promises a business-day SLA as a day and time', () => {
    // Monday 7 December 2026, 15:00 in Berlin
    const answer = facts({ respondBy: '2026-12-07T14:00:00.000Z' });

    expect(spokenMessage(answer, 'en')).toBe(
      'I have opened ticket 1042 for you. Our technical team will get back to you by Monday at 3 pm.',
    );
    expect(spokenMessage(answer, 'de')).toBe(
      'Ich habe das Ticket 1042 für Sie angelegt. Unser technisches Team meldet sich bis Montag um 15 Uhr bei Ihnen.',
    );
  });

  it('names the service with a problem on a partial run, after the ticket and time', () => {
    const answer = facts({
      status: 'partial',
      respondWithinMinutes: 240,
      failedChannels: ['tracker'],
    });

    expect(spokenMessage(answer, 'de')).toBe(
      'Ich habe das Ticket 1042 für Sie angelegt. Unser technisches Team meldet sich innerhalb von 4 Stunden bei Ihnen. Es gab einen kleinen technischen Hinweis zum Issue-Tracker.',
    );
  });

  it('keeps the general failure message when the run failed', () => {
    expect(spokenMessage(facts({ status: 'failed' }), 'en')).toMatch(
      /^I am sorry, something went wrong/,
    );
  });
});
