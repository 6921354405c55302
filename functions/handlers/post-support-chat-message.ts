/** Task: a message to the technical team's chat channel (new ticket, SLA at risk or breached). */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { chat } from '../lead/connections';
import { planSupportChat } from '../support/support-notes';
import type { SlaWatchInput, SupportStepReport, SupportTaskInput } from '../support/support-task';

export const handler = withSecretValues(
  outsideStep(async (input: SupportTaskInput | SlaWatchInput): Promise<SupportStepReport> => {
    const message = planSupportChat(input);
    const posted = await chat().postMessage(message);
    return {
      status: 'sent',
      channel: 'chat',
      step: input.template,
      id: posted.ts,
      to: message.channel,
    };
  }),
);
