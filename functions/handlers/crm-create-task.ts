/** Task: a CRM task for the owning team (follow-up call, demo environment). */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';
import { planCrmTask } from '../lead/lead-notes';
import type { LeadTaskInput, StepReport } from '../lead/lead-task';

export const handler = withSecretValues(
  outsideStep(async (input: LeadTaskInput): Promise<StepReport> => {
    const task = planCrmTask(input);
    const created = await crm().createTask({ contactId: input.contact.contactId, ...task });
    return {
      status: 'created',
      channel: 'crm',
      id: created.id,
      at: task.dueAt.toISOString(),
      to: task.ownerEmail,
    };
  }),
);
