/** Task: the CRM duplicate check, by the caller's e-mail address. */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';

export const handler = withSecretValues(
  outsideStep(async (input: { email: string }) => {
    const contact = await crm().findContactByEmail(input.email);
    return contact ? { found: true, contactId: contact.id } : { found: false };
  }),
);
