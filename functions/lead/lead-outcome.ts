/** Turns the lead workflow's final state into the answer's results, warnings and status. */
import type { Call } from '../core/call';
import type { WorkflowOutcome } from '../core/outcome';
import type { StepReport } from './lead-task';
import type { CompanyFacts, ContactFacts, LeadScore } from './score-lead';

type BranchResult =
  | StepReport
  | { status: 'failed'; channel: StepReport['channel']; error: string };
type ConditionResult = BranchResult[] | { status: 'skipped'; reason: string };

export interface LeadState {
  executionId: string;
  receivedAt: number;
  call: Call;
  lead: { contact: ContactFacts; company: CompanyFacts & { unavailable?: boolean } };
  score: LeadScore;
  /** In branch order: confirmation, chat, CRM task, invitation, critical, competitor, budget. */
  followUps?: [
    BranchResult,
    BranchResult,
    BranchResult,
    BranchResult,
    ConditionResult,
    ConditionResult,
    ConditionResult,
  ];
  handOver?: { workflow: string; reason: string };
}

const SERVICE_NAMES: Record<StepReport['channel'], string> = {
  email: 'E-mail service',
  calendar: 'Calendar invitation',
  chat: 'Chat service',
  sms: 'SMS service',
  crm: 'CRM',
};

/** A refusal repeats; an outage passes. The warning says which, so that someone looks. */
function warningFor(step: BranchResult): string {
  const service = SERVICE_NAMES[step.channel];
  const error = 'error' in step ? step.error : '';
  return error === 'UpstreamRejectedError'
    ? `${service} refused the request; check its configuration`
    : `${service} temporarily unavailable`;
}

function conditionSummary(result: ConditionResult | undefined) {
  if (!result) return 'not_run';
  if (!Array.isArray(result)) return 'skipped';
  return result.some((step) => step.status === 'failed') ? 'partial' : 'done';
}

export function leadOutcome(state: LeadState, now = Date.now()): WorkflowOutcome {
  const { lead, score } = state;
  const steps: BranchResult[] = [];
  const [confirmation, chat, task, invite, critical, competitor, budget] = state.followUps ?? [];
  for (const step of [confirmation, chat, task, invite]) if (step) steps.push(step);
  for (const condition of [critical, competitor, budget]) {
    if (Array.isArray(condition)) steps.push(...condition);
  }
  const failed = steps.filter((step) => step.status === 'failed');
  const smsStep = Array.isArray(critical)
    ? critical.find((step) => step.channel === 'sms')
    : undefined;

  const warnings = [...new Set(failed.map(warningFor))];
  if (lead.company.unavailable)
    warnings.push('Company enrichment unavailable; scored without company data');

  const results: Record<string, unknown> = {
    lead_created: {
      crm_contact_id: lead.contact.contactId,
      new_contact: lead.contact.isNew,
      lead_score: score.value,
      score_reasons: score.reasons,
      assigned_team: score.team,
      ...(task && task.status !== 'failed' && task.to ? { assigned_owner: task.to } : {}),
      ...(lead.company.found && lead.company.name ? { company: lead.company.name } : {}),
    },
  };
  if (state.handOver) {
    results.handed_over = state.handOver;
  } else {
    results.notifications_sent = {
      email_confirmation: confirmation?.status ?? 'not_run',
      chat_notification: chat?.status ?? 'not_run',
      calendar_invite: invite?.status ?? 'not_run',
      sms_alert: smsStep?.status ?? 'skipped',
    };
    if (task && task.status !== 'failed') {
      results.follow_up_scheduled = { task_id: task.id, due_date: task.at, assigned_to: task.to };
    }
    results.conditional_actions = {
      critical_urgency: conditionSummary(critical),
      competitor_response: conditionSummary(competitor),
      enterprise_budget: conditionSummary(budget),
    };
  }

  // A critical call's meeting within 4 hours comes before the next-day follow-up.
  const urgentMeeting = Array.isArray(critical)
    ? critical.find((step) => step.channel === 'calendar' && step.status === 'sent')
    : undefined;
  const followUpAt =
    (urgentMeeting && 'at' in urgentMeeting ? urgentMeeting.at : undefined) ??
    (task && task.status !== 'failed'
      ? task.at
      : invite?.status === 'sent'
        ? invite.at
        : undefined);
  const received = [
    ...(confirmation?.status === 'sent' ? ['email'] : []),
    ...(invite?.status === 'sent' ? ['calendar'] : []),
  ];
  return {
    workflowId: 'wf_lead',
    status: state.handOver ? 'pending_approval' : failed.length > 0 ? 'partial' : 'completed',
    results,
    errors: failed.map((step) => `${step.channel}: ${'error' in step ? step.error : 'failed'}`),
    warnings,
    highlights: {
      ...(followUpAt ? { followUpAt } : {}),
      team: score.team,
      failedChannels: [...new Set(failed.map((step) => step.channel))],
      workingChannels: received,
    },
    executionTimeMs: now - state.receivedAt,
    finishedAt: new Date(now).toISOString(),
  };
}
