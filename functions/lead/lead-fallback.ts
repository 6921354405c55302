/**
 * The lead workflow's fallback after it failed for good: the contact in the CRM and the sales
 * team told by e-mail, each through the simplest direct call, so that a person can take over.
 */
import type { Call } from '../core/call';
import { handOverEmailText } from '../core/call-summary';
import { workflowConfig } from '../core/workflow-config';
import { crm, mailer } from './connections';
import { consentProperty } from './consent';

export function leadFallback(
  executionId: string,
  call: Call,
): Record<string, () => Promise<string>> {
  const { contact } = call;
  return {
    'fallback-contact': async () => {
      const created = await crm().createContact({
        email: contact.email,
        ...(contact.name ? { firstname: contact.name } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
        lifecyclestage: 'lead',
        ...consentProperty(call),
      });
      return `contact ${created.id}`;
    },
    'fallback-notify-sales': async () => {
      const sent = await mailer().send({
        to: workflowConfig().teams.standard.email,
        subject: `Call needs a person: ${contact.name ?? contact.email}`,
        text: handOverEmailText(
          'The automatic lead processing of this call failed; please follow up by hand.',
          call,
          executionId,
        ),
        headers: { 'X-Execution-Id': executionId, 'X-Template': 'lead-fallback' },
      });
      return `e-mail ${sent.messageId}`;
    },
  };
}
