/** The e-mails of the lead workflow, by template name. Plain text, so no lead text is markup. */

import { approvalConfig } from '../approval/approval-config';
import { buildCalendarInvite, CALENDAR_INVITE_CONTENT_TYPE } from '../connectors/calendar-invite';
import type { OutgoingEmail } from '../connectors/email';
import { workflowConfig } from '../core/workflow-config';
import { nextBusinessDayAt, urgentMeetingAt } from './follow-up-time';
import { type LeadTaskInput, leadLabel, owningTeam, UnknownTemplateError } from './lead-task';

/**
 * The e-mails that court the customer rather than answer their request: a caller who declined
 * marketing follow-ups does not get them.
 */
export const MARKETING_TEMPLATES: ReadonlySet<string> = new Set(['check-in', 'quarterly-review']);

export function declinedMarketing(input: LeadTaskInput): boolean {
  return MARKETING_TEMPLATES.has(input.template) && input.call.marketingConsent === false;
}

export interface PlannedEmail {
  email: OutgoingEmail;
  /** The meeting time, for invitations. */
  at?: Date;
  calendar: boolean;
}

const greeting = (input: LeadTaskInput) => {
  const name = input.call.contact.name;
  if (input.language === 'de') return name ? `Guten Tag ${name},` : 'Guten Tag,';
  return name ? `Hello ${name},` : 'Hello,';
};

function invite(input: LeadTaskInput, at: Date, minutes: number, summary: string, uidPart: string) {
  const team = owningTeam(input);
  const ics = buildCalendarInvite({
    uid: `${input.executionId}-${uidPart}@voice-call-automation`,
    start: at,
    durationMinutes: minutes,
    summary,
    description: input.call.summary,
    organizer: { email: team.email },
    attendee: {
      email: input.call.contact.email,
      ...(input.call.contact.name ? { name: input.call.contact.name } : {}),
    },
  });
  return [{ filename: 'invite.ics', contentType: CALENDAR_INVITE_CONTENT_TYPE, content: ics }];
}

export function planLeadEmail(input: LeadTaskInput): PlannedEmail {
  const config = workflowConfig();
  const de = input.language === 'de';
  const team = owningTeam(input);
  const customer = input.call.contact.email;
  const received = new Date(input.receivedAt);

  switch (input.template) {
    case 'lead-confirmation':
      return {
        calendar: false,
        email: {
          to: customer,
          subject: de ? 'Ihre Anfrage ist bei uns angekommen' : 'We have received your request',
          text: [
            greeting(input),
            '',
            de
              ? 'vielen Dank für Ihren Anruf. Wir haben Ihr Anliegen aufgenommen:'
              : 'thank you for your call. We have noted your request:',
            '',
            input.call.summary,
            '',
            de
              ? 'Unser Team meldet sich in Kürze bei Ihnen.'
              : 'Our team will get in touch with you shortly.',
          ].join('\n'),
        },
      };
    case 'follow-up-invite': {
      const at = nextBusinessDayAt(received, config.followUpHour, config.timeZone);
      const subject = de
        ? 'Einladung: Rückruf zu Ihrer Anfrage'
        : 'Invitation: follow-up call on your request';
      return {
        calendar: true,
        at,
        email: {
          to: customer,
          subject,
          text: `${greeting(input)}\n\n${de ? 'anbei die Einladung zu unserem Rückruf.' : 'please find the invitation to our follow-up call attached.'}`,
          attachments: invite(input, at, 30, subject, 'follow-up'),
        },
      };
    }
    case 'urgent-meeting': {
      const at = urgentMeetingAt(received);
      return {
        calendar: true,
        at,
        email: {
          to: [customer, config.salesManager.email],
          subject: de ? 'Dringender Termin zu Ihrer Anfrage' : 'Urgent meeting on your request',
          text: `${greeting(input)}\n\n${de ? 'wir haben kurzfristig einen Termin für Sie eingeplant.' : 'we have scheduled a meeting with you at short notice.'}`,
          attachments: invite(input, at, 30, `Urgent: ${leadLabel(input.call)}`, 'urgent'),
        },
      };
    }
    case 'battle-card':
      return {
        calendar: false,
        email: {
          to: team.email,
          subject: `Battle card: ${input.call.competitors.join(', ')}`,
          text: [
            `Lead ${leadLabel(input.call)} mentioned: ${input.call.competitors.join(', ')}.`,
            `Score ${input.score.value}, team ${team.name}.`,
            '',
            'Positioning against each competitor is in the sales playbook; the pricing team has been alerted.',
          ].join('\n'),
        },
      };
    case 'check-in':
      return {
        calendar: false,
        email: {
          to: customer,
          subject: de ? 'Wie läuft der Start?' : 'How is your start going?',
          text: [
            greeting(input),
            '',
            de
              ? 'Ihr Onboarding hat begonnen. Passt alles, oder können wir etwas für Sie tun? Antworten Sie einfach auf diese E-Mail.'
              : 'your onboarding has started. Is everything going well, or can we help with anything? Just reply to this e-mail.',
          ].join('\n'),
        },
      };
    case 'quarterly-review': {
      // A quarter after the approval, however long the weekly updates before it took.
      const approvedAt = Date.parse(input.approval?.decidedAt ?? '') || Date.now();
      const at = new Date(approvedAt + approvalConfig().quarterlyReviewAfterSeconds * 1000);
      const subject = de ? 'Einladung: Quartalsgespräch' : 'Invitation: quarterly business review';
      return {
        calendar: true,
        at,
        email: {
          to: [customer, team.email],
          subject,
          text: `${greeting(input)}\n\n${de ? 'anbei die Einladung zu unserem ersten Quartalsgespräch.' : 'please find the invitation to our first quarterly business review attached.'}`,
          attachments: invite(input, at, 60, subject, 'quarterly-review'),
        },
      };
    }
    default:
      throw new UnknownTemplateError('e-mail', input.template);
  }
}
