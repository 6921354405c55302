/** The call in a few plain lines, for the people who pick it up by hand. */
import type { Call } from './call';

export function callSummaryLines(call: Call): string[] {
  const { contact } = call;
  return [
    `Caller: ${contact.name ?? '(no name)'} <${contact.email}>`,
    ...(contact.phone ? [`Phone: ${contact.phone}`] : []),
    ...(contact.company ? [`Company: ${contact.company}`] : []),
    `Intent: ${call.intent}, urgency: ${call.urgency}`,
    ...(call.budget ? [`Budget: ${call.budget.raw}`] : []),
    ...(call.timeline ? [`Timeline: ${call.timeline}`] : []),
    `Summary: ${call.summary}`,
  ];
}
