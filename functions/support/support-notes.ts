/** Chat messages and ticket changes of the support workflow and its SLA watch, by template. */
import { TICKET_STAGES } from '../connectors/hubspot-tickets';
import { supportConfig } from '../core/support-config';
import { writtenTime } from './support-emails';
import {
  callerLabel,
  type SlaWatchInput,
  type SupportTaskInput,
  UnknownTemplateError,
} from './support-task';

export function planSupportChat(input: SupportTaskInput | SlaWatchInput): {
  channel: string;
  text: string;
} {
  const config = supportConfig();
  const channel = config.teams.technical.channel;
  const timeZone = config.sla.calendar.timeZone;

  if (input.template === 'sla-warning' || input.template === 'sla-breach') {
    const watch = input as SlaWatchInput;
    const due = writtenTime(watch.sla.dueAt, 'en', timeZone);
    return {
      channel,
      text:
        watch.template === 'sla-warning'
          ? `:warning: SLA at risk: ticket ${watch.ticketId} (${watch.sla.level}) is still open; the answer is due ${due}.`
          : `:rotating_light: SLA breached: ticket ${watch.ticketId} (${watch.sla.level}) was due ${due} and is still open.`,
    };
  }

  const task = input as SupportTaskInput;
  if (task.template !== 'technical-ticket') throw new UnknownTemplateError('chat', task.template);
  const { assessment, ticket } = task;
  const similar = task.research?.similar.tickets ?? [];
  return {
    channel,
    text: [
      `New ${assessment.level} support ticket ${ticket.ticketId} from a phone call: ${callerLabel(task.call)}.`,
      `SLA ${assessment.sla.target}: answer by ${writtenTime(assessment.sla.dueAt, 'en', timeZone)}.`,
      ...(assessment.bugReport
        ? [
            `Reads as a bug (${assessment.bugSignals.join(', ')}); an issue is filed in the tracker.`,
          ]
        : []),
      ...(assessment.complaint ? ['This is a complaint; the success team has a copy.'] : []),
      ...(similar.length
        ? [`Similar tickets: ${similar.map((t) => `${t.id} (${t.subject})`).join('; ')}.`]
        : []),
      `Summary: ${task.call.summary}`,
    ].join('\n'),
  };
}

/** Properties to set on the ticket for a template; `ownerId` when the team has a HubSpot user. */
export function planTicketUpdate(
  input: SupportTaskInput,
  ownerId?: string,
): Record<string, string> {
  switch (input.template) {
    case 'self-service': {
      const article = input.research?.answer.article;
      return {
        hs_pipeline_stage: TICKET_STAGES.waiting_on_contact,
        support_resolution: 'self_service',
        ...(article ? { kb_article_url: article.url } : {}),
      };
    }
    case 'technical-team':
      return {
        hs_pipeline_stage: TICKET_STAGES.waiting_on_us,
        support_team: 'technical',
        sla_due_at: input.assessment.sla.dueAt,
        sla_level: input.assessment.level,
        ...(ownerId ? { hubspot_owner_id: ownerId } : {}),
      };
    default:
      throw new UnknownTemplateError('ticket update', input.template);
  }
}
