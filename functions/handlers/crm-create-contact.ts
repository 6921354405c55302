/** Task: creates the lead in the CRM; a contact that already exists is reused, never doubled. */
import type { Call } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';
import { consentProperty } from '../lead/consent';

function nameParts(name: string | undefined) {
  if (!name) return {};
  const [first, ...rest] = name.split(/\s+/);
  return { firstname: first ?? '', ...(rest.length ? { lastname: rest.join(' ') } : {}) };
}

export const handler = withSecretValues(
  outsideStep(async (input: { call: Call }) => {
    const { contact } = input.call;
    const created = await crm().createContact({
      email: contact.email,
      ...nameParts(contact.name),
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.company ? { company: contact.company } : {}),
      lifecyclestage: 'lead',
      hs_lead_status: 'NEW',
      ...consentProperty(input.call),
    });
    return { contactId: created.id, isNew: created.created, interactions: 0 };
  }),
);
