/** The e-mails of the support workflow and its SLA watch, by template name. Plain text. */
import type { OutgoingEmail } from '../connectors/email';
import type { Language } from '../core/call';
import { supportConfig } from '../core/support-config';
import {
  callerLabel,
  type SlaWatchInput,
  type SupportTaskInput,
  UnknownTemplateError,
} from './support-task';

/** "Monday, 7 December 2026 at 14:00" / "Montag, 7. Dezember 2026 um 14:00", in `timeZone`. */
export function writtenTime(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

const greeting = (input: SupportTaskInput) => {
  const name = input.call.contact.name;
  if (input.language === 'de') return name ? `Guten Tag ${name},` : 'Guten Tag,';
  return name ? `Hello ${name},` : 'Hello,';
};

export function planSupportEmail(input: SupportTaskInput | SlaWatchInput): OutgoingEmail {
  if (input.template === 'sla-warning' || input.template === 'sla-breach') {
    return planSlaEmail(input as SlaWatchInput);
  }
  const task = input as SupportTaskInput;
  const config = supportConfig();
  const de = task.language === 'de';
  const ticketId = task.ticket.ticketId;

  switch (task.template) {
    case 'knowledge-answer': {
      const article = task.research?.answer.article;
      if (!article) throw new UnknownTemplateError('e-mail without an article', task.template);
      return {
        to: task.call.contact.email,
        subject: de ? `Ihre Frage: ${article.title}` : `Your question: ${article.title}`,
        text: [
          greeting(task),
          '',
          de
            ? 'vielen Dank für Ihren Anruf. Hier ist die Antwort aus unserem Hilfe-Center:'
            : 'thank you for your call. Here is the answer from our help center:',
          '',
          article.text,
          '',
          `${de ? 'Der ganze Artikel' : 'The full article'}: ${article.url}`,
          '',
          de
            ? `Ihre Ticketnummer ist ${ticketId}. Falls das Ihre Frage nicht löst, antworten Sie einfach auf diese E-Mail; dann übernimmt unser Team.`
            : `Your ticket number is ${ticketId}. If this does not solve it, just reply to this e-mail and our team will take over.`,
        ].join('\n'),
      };
    }
    case 'response-time':
      return {
        to: task.call.contact.email,
        subject: de
          ? `Ihre Supportanfrage ${ticketId} ist bei uns angekommen`
          : `We have received your support request ${ticketId}`,
        text: [
          greeting(task),
          '',
          de
            ? 'vielen Dank für Ihren Anruf. Wir haben Ihr Anliegen aufgenommen:'
            : 'thank you for your call. We have noted your request:',
          '',
          task.call.summary,
          '',
          de
            ? `Ihre Ticketnummer ist ${ticketId}. Unser technisches Team antwortet Ihnen bis ${writtenTime(task.assessment.sla.dueAt, 'de', config.sla.calendar.timeZone)}.`
            : `Your ticket number is ${ticketId}. Our technical team will answer you by ${writtenTime(task.assessment.sla.dueAt, 'en', config.sla.calendar.timeZone)}.`,
        ].join('\n'),
      };
    case 'complaint-copy':
      return {
        to: config.teams.success.email,
        subject: `Complaint from ${callerLabel(task.call)}: ticket ${ticketId}`,
        text: [
          `A caller complained on the phone. Ticket ${ticketId}, priority raised to ${task.assessment.level}.`,
          `Contact: ${callerLabel(task.call)}, ${task.call.contact.email}${task.call.contact.phone ? `, ${task.call.contact.phone}` : ''}.`,
          '',
          task.call.summary,
        ].join('\n'),
      };
    default:
      throw new UnknownTemplateError('e-mail', task.template);
  }
}

function planSlaEmail(input: SlaWatchInput): OutgoingEmail {
  const config = supportConfig();
  const due = writtenTime(input.sla.dueAt, 'en', config.sla.calendar.timeZone);
  const stage = input.status?.stage.replace(/_/g, ' ') ?? 'open';
  if (input.template === 'sla-warning') {
    return {
      to: config.teams.technical.email,
      subject: `SLA at risk: ticket ${input.ticketId} (${input.sla.level}) is due ${due}`,
      text: `Ticket ${input.ticketId} (${input.sla.level}, SLA ${input.sla.target}) is still ${stage}. The customer was promised an answer by ${due}.`,
    };
  }
  return {
    to: [config.teams.technical.email, config.teams.success.email],
    subject: `SLA breached: ticket ${input.ticketId} (${input.sla.level})`,
    text: `Ticket ${input.ticketId} (${input.sla.level}, SLA ${input.sla.target}) is still ${stage}; the answer was due ${due}.`,
  };
}
