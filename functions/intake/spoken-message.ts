/**
 * The sentence the voice agent says after the webhook answers: chosen by outcome, filled from the
 * results, in the caller's language. Short enough to be spoken in one breath or two.
 */
import type { Language } from '../core/call';
import type { ResponseStatus } from '../core/outcome';

export interface MessageFacts {
  status: ResponseStatus;
  /** Follow-up time, ISO 8601, when one was scheduled. */
  followUpAt?: string;
  /** Team that will get in touch, in the domain's words (enterprise, standard, inside). */
  team?: string;
  /** Channels that failed and that worked, for the partial-success sentence. */
  failedChannels: string[];
  workingChannels: string[];
  hasWarnings: boolean;
  timeZone: string;
}

const CHANNEL_NAMES: Record<Language, Record<string, string>> = {
  en: {
    email: 'the e-mail confirmation',
    chat: 'the team notification',
    sms: 'the SMS service',
    calendar: 'the calendar invitation',
    crm: 'the CRM entry',
  },
  de: {
    email: 'die E-Mail-Bestätigung',
    chat: 'die Team-Benachrichtigung',
    sms: 'den SMS-Dienst',
    calendar: 'die Kalendereinladung',
    crm: 'den CRM-Eintrag',
  },
};

const TEAM_NAMES: Record<Language, Record<string, string>> = {
  en: { enterprise: 'enterprise sales team', standard: 'sales team', inside: 'inside sales team' },
  de: {
    enterprise: 'Enterprise-Vertriebsteam',
    standard: 'Vertriebsteam',
    inside: 'Inside-Sales-Team',
  },
};

/** "tomorrow at 10 am" / "morgen um 10 Uhr", relative to `now` in `timeZone`. */
export function spokenTime(iso: string, language: Language, timeZone: string, now = new Date()) {
  const at = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);
  const dayDiff = Math.round((Date.parse(day(at)) - Date.parse(day(now))) / 86_400_000);
  const locale = language === 'de' ? 'de-DE' : 'en-US';
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: at.getUTCMinutes() === 0 ? undefined : '2-digit',
    hour12: language === 'en',
  })
    .format(at)
    .toLowerCase();
  const relative: Record<Language, Record<number, string>> = {
    en: { 0: 'today', 1: 'tomorrow' },
    de: { 0: 'heute', 1: 'morgen' },
  };
  const dayWord =
    relative[language][dayDiff] ??
    new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(at);
  return language === 'de' ? `${dayWord} um ${time} Uhr` : `${dayWord} at ${time}`;
}

function list(items: string[], language: Language): string {
  const and = language === 'de' ? 'und' : 'and';
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

export function spokenMessage(facts: MessageFacts, language: Language): string {
  const de = language === 'de';
  const team = facts.team ? TEAM_NAMES[language][facts.team] : undefined;
  const when = facts.followUpAt
    ? spokenTime(facts.followUpAt, language, facts.timeZone)
    : undefined;
  const channel = (name: string) => CHANNEL_NAMES[language][name] ?? name;

  switch (facts.status) {
    case 'completed': {
      if (facts.hasWarnings) {
        return de
          ? 'Ihre Anfrage wurde erfolgreich bearbeitet. Falls Sie innerhalb der nächsten Stunde keine Bestätigung erhalten, melden Sie sich gerne bei uns.'
          : 'Your request was processed successfully. If you do not receive a confirmation within the next hour, please feel free to contact us.';
      }
      const followUp = when
        ? de
          ? ` und einen Rückruf für ${when} eingeplant`
          : ` and scheduled a follow-up for ${when}`
        : '';
      const who = team
        ? de
          ? ` Eine Kollegin oder ein Kollege aus unserem ${team} meldet sich bei Ihnen.`
          : ` A colleague from our ${team} will get in touch with you.`
        : '';
      return de
        ? `Perfekt! Ich habe Ihre Anfrage aufgenommen${followUp}.${who}`
        : `Perfect! I have processed your request${followUp}.${who}`;
    }
    case 'partial': {
      const failed = list(facts.failedChannels.map(channel), language);
      const working = list(facts.workingChannels.map(channel), language);
      if (de) {
        return `Alles ist eingerichtet. Es gab einen kleinen technischen Hinweis zu ${failed || 'einem Dienst'}${working ? `, aber ${working} ist unterwegs` : ''}.`;
      }
      return `Everything is set up. There was a minor technical note regarding ${failed || 'one service'}${working ? `, but ${working} went through` : ''}.`;
    }
    case 'pending_approval':
      return de
        ? 'Vielen Dank! Aufgrund des Umfangs Ihres Projekts prüft eine Spezialistin oder ein Spezialist Ihre Anfrage persönlich und bestätigt sie Ihnen in Kürze.'
        : 'Thank you! Given the scope of your project, a specialist will review your request personally and confirm it with you shortly.';
    case 'accepted':
      return de
        ? 'Vielen Dank, ich habe alles weitergegeben. Die Bearbeitung läuft noch; Sie erhalten in Kürze eine Bestätigung per E-Mail.'
        : 'Thank you, I have passed everything on. It is still being processed, and you will receive a confirmation by e-mail shortly.';
    case 'failed':
      return de
        ? 'Das tut mir leid, das konnte ich gerade nicht abschließen. Ihre Anfrage ist gespeichert, und wir melden uns persönlich bei Ihnen.'
        : 'I am sorry, I could not complete that just now. Your request has been recorded, and a colleague will contact you personally.';
  }
}
