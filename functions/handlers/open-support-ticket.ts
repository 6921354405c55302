/** Task: the helpdesk ticket, linked to the caller's contact (found, or created when new). */
import type { Call } from '../core/call';
import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { crm } from '../lead/connections';
import { helpdesk } from '../support/connections';
import type { OpenedTicket, SupportAssessment } from '../support/support-task';

async function contactOf(call: Call): Promise<string> {
  const found = await crm().findContactByEmail(call.contact.email);
  if (found) return found.id;
  const [firstname, ...rest] = (call.contact.name ?? '').split(/\s+/).filter(Boolean);
  const created = await crm().createContact({
    email: call.contact.email,
    ...(firstname ? { firstname } : {}),
    ...(rest.length ? { lastname: rest.join(' ') } : {}),
    ...(call.contact.phone ? { phone: call.contact.phone } : {}),
    ...(call.contact.company ? { company: call.contact.company } : {}),
  });
  return created.id;
}

export const handler = withSecretValues(
  outsideStep(
    async (input: {
      executionId: string;
      call: Call;
      assessment: SupportAssessment;
    }): Promise<OpenedTicket> => {
      const contactId = await contactOf(input.call);
      const { assessment, call } = input;
      const ticket = await helpdesk().createTicket({
        contactId,
        callId: input.executionId,
        subject: assessment.subject,
        content: [call.summary, ...call.painPoints.map((point) => `- ${point}`)].join('\n'),
        priority: assessment.level,
        properties: {
          hs_ticket_category: assessment.bugReport ? 'PRODUCT_ISSUE' : 'GENERAL_INQUIRY',
          ...(assessment.complaint ? { support_complaint: 'true' } : {}),
        },
      });
      return { ticketId: ticket.id, contactId, created: ticket.created };
    },
  ),
);
