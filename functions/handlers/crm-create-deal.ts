/** Task: the premium onboarding deal of an approved high-value lead. */
import { crm } from '../lead/connections';
import { planDeal } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = async (input: LeadTaskInput): Promise<StepReport> => {
  const deal = await crm().createDeal({ contactId: input.contact.contactId, ...planDeal(input) });
  return { status: 'created', channel: 'crm', id: deal.id };
};
