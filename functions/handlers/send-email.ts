/**
 * Task: one e-mail of the lead workflow (confirmation, invitations, battle card); none of the
 * marketing ones to a caller who declined them.
 */

import { outsideStep } from '../core/outside-step';
import { mailer } from '../lead/connections';
import { declinedMarketing, planLeadEmail } from '../lead/lead-emails';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
  if (declinedMarketing(input)) return { status: 'skipped', channel: 'email' };
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
