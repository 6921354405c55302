/** Task: whether the watched ticket still waits for the team (new or waiting on us). */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { helpdesk } from '../support/connections';

export const handler = withSecretValues(
  outsideStep(async (input: { ticketId: string }) => {
    const ticket = await helpdesk().getTicket(input.ticketId);
    return {
      stage: ticket.stage,
      open: ticket.stage === 'new' || ticket.stage === 'waiting_on_us',
    };
  }),
);
