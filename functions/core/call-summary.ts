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

/** The e-mail a team gets when a call is handed to it: why, the call, and its execution. */
export function handOverEmailText(why: string, call: Call, executionId: string): string {
  return [why, '', ...callSummaryLines(call), '', `Execution: ${executionId}`].join('\n');
}
