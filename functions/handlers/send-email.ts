/** Task: one e-mail of the lead workflow (confirmation, invitations, battle card). */

import { outsideStep } from '../core/outside-step';
import { mailer } from '../lead/connections';
import { planLeadEmail } from '../lead/lead-emails';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
  const planned = planLeadEmail(input);
  const sent = await mailer().send({
    ...planned.email,
    headers: { 'X-Execution-Id': input.executionId, 'X-Template': input.template },
  });
  return {
    status: 'sent',
    channel: planned.calendar ? 'calendar' : 'email',
    id: sent.messageId,
    ...(planned.at ? { at: planned.at.toISOString() } : {}),
  };
});
