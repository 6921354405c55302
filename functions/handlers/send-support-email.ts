/** Task: one e-mail of the support workflow or its SLA watch. */

import { outsideStep } from '../core/outside-step';
import { supportMailer } from '../support/connections';
import { planSupportEmail } from '../support/support-emails';
import type { SlaWatchInput, SupportStepReport, SupportTaskInput } from '../support/support-task';

export const handler = outsideStep(
  async (input: SupportTaskInput | SlaWatchInput): Promise<SupportStepReport> => {
    const email = planSupportEmail(input);
    const sent = await supportMailer().send({
      ...email,
      headers: { 'X-Execution-Id': input.executionId, 'X-Template': input.template },
    });
    return { status: 'sent', channel: 'email', step: input.template, id: sent.messageId };
  },
);
