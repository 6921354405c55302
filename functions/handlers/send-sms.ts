/** Task: the SMS to the sales manager on a critical call. */

import { outsideStep } from '../core/outside-step';
import { texter } from '../lead/connections';
import { planSms } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
  const sms = planSms(input);
  const sent = await texter().send(sms);
  return { status: 'sent', channel: 'sms', id: sent.messageId };
});
