/** Turns the high-value workflow's state after the decision into the call's final answer. */
import type { WorkflowOutcome } from '../core/outcome';
import type { StepReport } from '../lead/lead-task';
import type { ContactFacts, LeadScore } from '../lead/score-lead';
import type { ApprovalResult } from './approval-store';

type FailedStep = { status: 'failed'; channel: StepReport['channel']; error: string };
type Step = StepReport | FailedStep;

export interface HighValueState {
  executionId: string;
  receivedAt: number;
  lead: { contact: ContactFacts };
  score: LeadScore;
  approval: ApprovalResult;
  /** Approved: enterprise team, onboarding deal, kick-off task, team chat. */
  activation?: [Step, Step, Step, Step];
  /** Rejected or declined: decision on the lead, confirmation, team chat, follow-up task. */
  standardSales?: [Step, Step, Step, Step];
  manualJob?: { status: 'queued'; jobId: string };
}

const isDone = (step: Step | undefined): step is StepReport =>
  step !== undefined && step.status !== 'failed';

export function highValueOutcome(state: HighValueState, now = Date.now()): WorkflowOutcome {
  const { approval, score } = state;
  const approved = approval.decision === 'approved';
  const steps = [...(state.activation ?? []), ...(state.standardSales ?? [])];
  const failed = steps.filter((step): step is FailedStep => step.status === 'failed');
  const warnings = [...new Set(failed.map((step) => `${step.channel} step failed: ${step.error}`))];
  if (state.manualJob) {
    warnings.push(
      'No manager decided before the deadline; the lead is in the manual processing queue',
    );
  }

  const results: Record<string, unknown> = {
    lead_created: {
      crm_contact_id: state.lead.contact.contactId,
      lead_score: score.value,
      score_reasons: score.reasons,
      assigned_team: approved ? 'enterprise' : 'standard',
    },
    approval: {
      decision: approval.decision,
      decided_by: approval.approver,
      decided_at: approval.decidedAt,
      ...(approval.comment ? { comment: approval.comment } : {}),
    },
  };
  let followUpAt: string | undefined;
  if (state.activation) {
    const [, deal, kickoff] = state.activation;
    results.onboarding = {
      deal_id: isDone(deal) ? deal.id : null,
      kickoff_task_id: isDone(kickoff) ? kickoff.id : null,
      executive_sponsor: 'assigned',
    };
    followUpAt = isDone(kickoff) ? kickoff.at : undefined;
  }
  if (state.standardSales) {
    const [, confirmation, chat, task] = state.standardSales;
    results.notifications_sent = {
      email_confirmation: confirmation?.status ?? 'not_run',
      chat_notification: chat?.status ?? 'not_run',
    };
    if (isDone(task)) {
      results.follow_up_scheduled = { task_id: task.id, due_date: task.at, assigned_to: task.to };
      followUpAt = task.at;
    }
  }

  return {
    workflowId: 'wf_high_value',
    status: failed.length > 0 || state.manualJob ? 'partial' : 'completed',
    results,
    errors: failed.map((step) => `${step.channel}: ${step.error}`),
    warnings,
    highlights: {
      ...(followUpAt ? { followUpAt } : {}),
      team: approved ? 'enterprise' : 'standard',
      failedChannels: [...new Set(failed.map((step) => step.channel))],
      workingChannels: isDone(state.standardSales?.[1]) ? ['email'] : [],
    },
    executionTimeMs: now - state.receivedAt,
    finishedAt: new Date(now).toISOString(),
  };
}
