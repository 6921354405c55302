/** A caller who scores above 90: known well to the CRM, from a large company, critical, 250k. */
import type { LocalStack } from '../../local/stack';
import { sampleCall } from './calls';

export function highValueCall(
  stack: LocalStack,
  email: string,
  context: Record<string, unknown> = {},
) {
  if (!stack.hubspot.store.contactByEmail(email)) {
    const contact = stack.hubspot.store.addContact({ email, company: 'Acme Industries' });
    stack.hubspot.store.activities
      .get(contact.id)
      ?.calls.push('9001', '9002', '9003', '9004', '9005');
  }
  return sampleCall({
    conversation_context: {
      customer_email: email,
      customer_name: 'Max Weber',
      company_name: 'Acme Industries',
      urgency_level: 'critical',
      ...context,
    },
    custom_data: { budget_mentioned: '250k', competitor_mentioned: 'Contoso' },
  });
}
