/** Task: sets properties on the lead's CRM contact (priority flag, executive owner). */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';
import { planContactUpdate } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = withSecretValues(
  outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
    await crm().updateContact(input.contact.contactId, planContactUpdate(input));
    return { status: 'updated', channel: 'crm', id: input.contact.contactId };
  }),
);
