/** Task: moves the ticket on: self-service after an answer, or to the technical team. */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { supportConfig } from '../core/support-config';
import { helpdesk } from '../support/connections';
import { planTicketUpdate } from '../support/support-notes';
import type { SupportStepReport, SupportTaskInput } from '../support/support-task';

export const handler = withSecretValues(
  outsideStep(async (input: SupportTaskInput): Promise<SupportStepReport> => {
    const ownerEmail = supportConfig().teams.technical.email;
    const ownerId =
      input.template === 'technical-team' ? await helpdesk().findOwnerId(ownerEmail) : undefined;
    await helpdesk().updateTicket(input.ticket.ticketId, planTicketUpdate(input, ownerId));
    return {
      status: 'updated',
      channel: 'helpdesk',
      step: input.template,
      id: input.ticket.ticketId,
      ...(input.template === 'technical-team' ? { to: ownerEmail } : {}),
    };
  }),
);
