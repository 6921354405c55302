/** Reads a support call: its level, whether it is a complaint or a defect, and its SLA. */
import type { Call } from '../core/call';
import { bugSignals, isBugReport } from './bug-report';
import type { SlaPolicy } from './sla';
import { startSla, supportLevel } from './sla';
import type { SupportAssessment } from './support-task';

/** The ticket subject: the summary's first sentence, short enough for a list view. */
export function ticketSubject(call: Call): string {
  const first = call.summary.split(/(?<=[.!?])\s/)[0] ?? call.summary;
  const prefix = call.intent === 'complaint' ? 'Complaint: ' : '';
  const text = first.length > 100 ? `${first.slice(0, 97).trimEnd()}…` : first;
  return `${prefix}${text}`;
}

export function assessSupportCall(
  call: Call,
  receivedAt: Date,
  policy: SlaPolicy,
): SupportAssessment {
  const complaint = call.intent === 'complaint';
  const text = [call.summary, ...call.painPoints].join('\n');
  const level = supportLevel(call.urgency, call.priority, complaint);
  return {
    level,
    complaint,
    bugReport: isBugReport(text),
    bugSignals: bugSignals(text),
    subject: ticketSubject(call),
    sla: startSla(level, receivedAt, policy),
  };
}
