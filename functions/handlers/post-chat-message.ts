/** Task: a chat message to the owning team or the pricing team. */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { chat } from '../lead/connections';
import { planChatMessage } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = withSecretValues(
  outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
    const message = planChatMessage(input);
    const posted = await chat().postMessage(message);
    return { status: 'sent', channel: 'chat', id: posted.ts, to: message.channel };
  }),
);
