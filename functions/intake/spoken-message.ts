/**
 * The sentence the voice agent says after the webhook answers: chosen by outcome, filled from the
 * results, in the caller's language. Short enough to be spoken in one breath or two.
 */
import type { Language } from '../core/call';
import type { ResponseStatus } from '../core/outcome';
import { calendarDaysBetween, wallClock } from '../core/wall-clock';

export interface MessageFacts {
  status: ResponseStatus;
  /** Follow-up time, ISO 8601, when one was scheduled. */
  followUpAt?: string;
  /** Team that will get in touch, in the domain's words (enterprise, standard, inside). */
  team?: string;
  /** Services that failed, and confirmations the caller received (email, calendar). */
  failedChannels: string[];
  workingChannels: string[];
  hasWarnings: boolean;
  timeZone: string;
  /** Support calls: the ticket, the promised answer time, or the knowledge-base answer. */
  ticketNumber?: string;
  respondBy?: string;
  respondWithinMinutes?: number;
  answerGist?: string;
  /** A colleague takes the call over from the manual processing queue. */
  handedOver?: boolean;
}

/** Services named after "regarding" / "zu": the ones that had a problem. */
const SERVICE_NAMES: Record<Language, Record<string, string>> = {
  en: {
    email: 'the e-mail service',
    chat: 'the chat service',
    sms: 'the SMS service',
    calendar: 'the calendar invitation',
    crm: 'the CRM',
    helpdesk: 'the helpdesk',
    tracker: 'the issue tracker',
    sla: 'the response-time watch',
  },
  de: {
    email: 'zum E-Mail-Dienst',
    chat: 'zum Chat-Dienst',
    sms: 'zum SMS-Dienst',
    calendar: 'zur Kalendereinladung',
    crm: 'zum CRM',
    helpdesk: 'zum Helpdesk',
    tracker: 'zum Issue-Tracker',
    sla: 'zur Überwachung der Antwortzeit',
  },
};

/** What the caller received, named after "you have received" / "Sie haben … erhalten". */
const CONFIRMATION_NAMES: Record<Language, Record<string, string>> = {
  en: { email: 'the e-mail confirmation', calendar: 'the calendar invitation' },
  de: { email: 'die E-Mail-Bestätigung', calendar: 'die Kalendereinladung' },
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
  const clock = wallClock(at, timeZone);
  const dayDiff = calendarDaysBetween(now, at, timeZone);
  const minutes = clock.minute === 0 ? '' : `:${String(clock.minute).padStart(2, '0')}`;
  const time =
    language === 'de'
      ? `${clock.hour}${minutes} Uhr`
      : `${clock.hour % 12 || 12}${minutes} ${clock.hour < 12 ? 'am' : 'pm'}`;
  const relative: Record<Language, Record<number, string>> = {
    en: { 0: 'today', 1: 'tomorrow' },
    de: { 0: 'heute', 1: 'morgen' },
  };
  const dayWord =
    relative[language][dayDiff] ??
    new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-US', {
      timeZone,
      weekday: 'long',
    }).format(at);
  return language === 'de' ? `${dayWord} um ${time}` : `${dayWord} at ${time}`;
}

function list(items: string[], language: Language): string {
  const and = language === 'de' ? 'und' : 'and';
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** "within 4 hours" / "innerhalb von 4 Stunden". */
function spokenDuration(minutes: number, language: Language): string {
  const de = language === 'de';
  if (minutes === 60) return de ? 'innerhalb einer Stunde' : 'within one hour';
  if (minutes % 60 === 0) {
    return de ? `innerhalb von ${minutes / 60} Stunden` : `within ${minutes / 60} hours`;
  }
  return de ? `innerhalb von ${minutes} Minuten` : `within ${minutes} minutes`;
}

/** The support answer: the knowledge-base gist, or the ticket number and when we answer. */
function supportSentence(facts: MessageFacts, language: Language): string {
  const de = language === 'de';
  const ticket = facts.ticketNumber ?? '';
  if (facts.answerGist) {
    const gist = /[.!?]$/.test(facts.answerGist.trim())
      ? facts.answerGist.trim()
      : `${facts.answerGist.trim()}.`;
    const mailed = facts.workingChannels.includes('email');
    if (de) {
      const copy = mailed
        ? ' Ich habe Ihnen die Antwort auch per E-Mail geschickt, mit einem Link zum ganzen Artikel.'
        : '';
      return `Dazu sagt unser Hilfe-Center: ${gist}${copy} Ihre Ticketnummer ist ${ticket}.`;
    }
    const copy = mailed
      ? ' I have also sent you the answer by e-mail, with a link to the full article.'
      : '';
    return `Here is what our help center says: ${gist}${copy} Your ticket number is ${ticket}.`;
  }
  const when = facts.respondWithinMinutes
    ? spokenDuration(facts.respondWithinMinutes, language)
    : facts.respondBy
      ? `${de ? 'bis' : 'by'} ${spokenTime(facts.respondBy, language, facts.timeZone)}`
      : undefined;
  if (de) {
    const answer = when ? ` Unser technisches Team meldet sich ${when} bei Ihnen.` : '';
    return `Ich habe das Ticket ${ticket} für Sie angelegt.${answer}`;
  }
  const answer = when ? ` Our technical team will get back to you ${when}.` : '';
  return `I have opened ticket ${ticket} for you.${answer}`;
}

export function spokenMessage(facts: MessageFacts, language: Language): string {
  const de = language === 'de';
  if (facts.ticketNumber && (facts.status === 'completed' || facts.status === 'partial')) {
    const sentence = supportSentence(facts, language);
    if (facts.status === 'completed') return sentence;
    const failed = list(
      facts.failedChannels.map((name) => SERVICE_NAMES[language][name] ?? name),
      language,
    );
    return de
      ? `${sentence} Es gab einen kleinen technischen Hinweis ${failed || 'zu einem Dienst'}.`
      : `${sentence} There was a minor technical note regarding ${failed || 'one service'}.`;
  }
  const team = facts.team ? TEAM_NAMES[language][facts.team] : undefined;
  const when = facts.followUpAt
    ? spokenTime(facts.followUpAt, language, facts.timeZone)
    : undefined;

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
      const failed = list(
        facts.failedChannels.map((name) => SERVICE_NAMES[language][name] ?? name),
        language,
      );
      const received = list(
        facts.workingChannels.flatMap((name) => CONFIRMATION_NAMES[language][name] ?? []),
        language,
      );
      if (de) {
        const note = `Alles ist eingerichtet. Es gab einen kleinen technischen Hinweis ${failed || 'zu einem Dienst'}`;
        return received ? `${note}, aber Sie haben ${received} erhalten.` : `${note}.`;
      }
      const note = `Everything is set up. There was a minor technical note regarding ${failed || 'one service'}`;
      return received ? `${note}, but you have received ${received}.` : `${note}.`;
    }
    case 'pending_approval':
      return de
        ? 'Vielen Dank! Aufgrund des Umfangs Ihres Projekts prüft eine Spezialistin oder ein Spezialist Ihre Anfrage persönlich und bestätigt sie Ihnen in Kürze.'
        : 'Thank you! Given the scope of your project, a specialist will review your request personally and confirm it with you shortly.';
    case 'accepted':
      if (facts.handedOver) {
        return de
          ? 'Vielen Dank, ich habe Ihre Angaben aufgenommen und an eine Kollegin oder einen Kollegen weitergegeben, die oder der sich persönlich bei Ihnen meldet.'
          : 'Thank you, I have taken down your details and passed them to a colleague, who will get back to you personally.';
      }
      return de
        ? 'Vielen Dank, ich habe alles weitergegeben. Die Bearbeitung läuft noch; Sie erhalten in Kürze eine Bestätigung per E-Mail.'
        : 'Thank you, I have passed everything on. It is still being processed, and you will receive a confirmation by e-mail shortly.';
    case 'failed':
      return de
        ? 'Das tut mir leid, bei uns ist ein Fehler aufgetreten, und ich konnte Ihre Anfrage gerade nicht abschließen. Bitte versuchen Sie es in ein paar Minuten noch einmal.'
        : 'I am sorry, something went wrong on our side and I could not complete your request just now. Please try again in a few minutes.';
  }
}
