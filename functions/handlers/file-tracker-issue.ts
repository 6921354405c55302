/**
 * Task: a bug report's issue in the issue tracker, linked from the ticket. Labelled with the
 * ticket, so that a replayed step finds the issue it filed instead of filing another.
 */

import { outsideStep } from '../core/outside-step';
import { withSecretValues } from '../core/secret-values';
import { supportConfig } from '../core/support-config';
import { helpdesk, tracker } from '../support/connections';
import type { SupportLevel } from '../support/sla';
import type { SupportStepReport, SupportTaskInput } from '../support/support-task';

const JIRA_PRIORITIES: Record<SupportLevel, string> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const handler = withSecretValues(
  outsideStep(async (input: SupportTaskInput): Promise<SupportStepReport> => {
    const { jira } = supportConfig();
    const { assessment, ticket } = input;
    const label = `helpdesk-ticket-${ticket.ticketId}`;

    const issue =
      (await tracker().findIssueByLabel(label)) ??
      (await tracker().createIssue({
        projectKey: jira.projectKey,
        issueType: jira.issueType,
        summary: assessment.subject,
        description: [
          `Reported on a support call; helpdesk ticket ${ticket.ticketId}.`,
          input.call.summary,
          ...input.call.painPoints.map((point) => `- ${point}`),
          `Signals: ${assessment.bugSignals.join(', ') || 'none'}. Level ${assessment.level}, SLA ${assessment.sla.target} (due ${assessment.sla.dueAt}).`,
        ],
        labels: [label, 'phone-support'],
        priority: JIRA_PRIORITIES[assessment.level],
      }));

    await helpdesk().updateTicket(ticket.ticketId, {
      jira_issue_key: issue.key,
      jira_issue_url: issue.url,
    });
    return {
      status: 'created',
      channel: 'tracker',
      step: 'bug-issue',
      id: issue.key,
      url: issue.url,
    };
  }),
);
