/** Task: earlier tickets about the same thing, for the team that takes this one. */
import type { Call } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { helpdesk } from '../support/connections';
import { searchWords } from '../support/knowledge-base/knowledge-base';
import type { OpenedTicket, SimilarTickets } from '../support/support-task';

export const handler = withSecretValues(
  outsideStep(async (input: { call: Call; ticket: OpenedTicket }): Promise<SimilarTickets> => {
    const words = searchWords(input.call.summary, 3);
    if (words.length === 0) return { tickets: [] };
    return { tickets: await helpdesk().searchTickets(words.join(' '), input.ticket.ticketId) };
  }),
);
