/** Task: the premium onboarding deal of an approved high-value lead. */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';
import { planDeal } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = withSecretValues(
  outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
    const deal = await crm().createDeal({ contactId: input.contact.contactId, ...planDeal(input) });
    return { status: 'created', channel: 'crm', id: deal.id };
  }),
);
