/** Task: the CRM duplicate check, by the caller's e-mail address. */

import { outsideStep } from '../core/outside-step';
import { crm } from '../lead/connections';

export const handler = outsideStep(async (input: { email: string }) => {
  const contact = await crm().findContactByEmail(input.email);
  return contact ? { found: true, contactId: contact.id } : { found: false };
});
