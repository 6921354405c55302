/** Chat messages, SMS texts and CRM changes of the lead workflow, by template name. */
import type { Priority } from '../core/call';
import { workflowConfig } from '../core/workflow-config';
import { nextBusinessDayAt } from './follow-up-time';
import { type LeadTaskInput, leadLabel, owningTeam, UnknownTemplateError } from './lead-task';

const reasons = (input: LeadTaskInput) =>
  input.score.reasons.map((reason) => `${reason.detail} (+${reason.points})`).join(', ');

export function planChatMessage(input: LeadTaskInput): { channel: string; text: string } {
  const team = owningTeam(input);
  switch (input.template) {
    case 'new-lead':
      return {
        channel: team.channel,
        text: [
          `New ${input.call.urgency}-urgency lead from a phone call: ${leadLabel(input.call)}.`,
          `Score ${input.score.value}/100: ${reasons(input)}.`,
          `Summary: ${input.call.summary}`,
        ].join('\n'),
      };
    case 'approved-lead':
      return {
        channel: team.channel,
        text: `Approved by ${input.approval?.approver ?? 'a manager'}: ${leadLabel(input.call)}, score ${input.score.value}. Premium onboarding has started.`,
      };
    case 'weekly-status':
      return {
        channel: team.channel,
        text: `Weekly status due for ${leadLabel(input.call)}: send the customer an update on the onboarding.`,
      };
    case 'pricing-alert':
      return {
        channel: workflowConfig().pricingChannel,
        text: `Competitors mentioned by ${leadLabel(input.call)}: ${input.call.competitors.join(', ')}. Owner: ${team.name} team.`,
      };
    default:
      throw new UnknownTemplateError('chat', input.template);
  }
}

export function planSms(input: LeadTaskInput): { to: string; text: string } {
  if (input.template !== 'critical-call') throw new UnknownTemplateError('SMS', input.template);
  const phone = input.call.contact.phone ? ` Call back: ${input.call.contact.phone}.` : '';
  return {
    to: workflowConfig().salesManager.phone,
    text: `CRITICAL lead ${leadLabel(input.call)}, score ${input.score.value}.${phone} Meeting within 4 h scheduled.`,
  };
}

export interface PlannedTask {
  subject: string;
  body: string;
  dueAt: Date;
  priority: Priority;
  ownerEmail: string;
}

export function planCrmTask(input: LeadTaskInput): PlannedTask {
  const config = workflowConfig();
  const team = owningTeam(input);
  const followUp = nextBusinessDayAt(
    new Date(input.receivedAt),
    config.followUpHour,
    config.timeZone,
  );
  switch (input.template) {
    case 'follow-up-call':
      return {
        subject: `Follow-up call: ${leadLabel(input.call)}`,
        body: `${input.call.summary}\n\nScore ${input.score.value}/100: ${reasons(input)}.`,
        dueAt: followUp,
        priority:
          input.call.urgency === 'critical' || input.call.urgency === 'high' ? 'high' : 'medium',
        ownerEmail: team.email,
      };
    case 'demo-environment':
      return {
        subject: `Provide a custom demo environment: ${leadLabel(input.call)}`,
        body: `Budget ${input.call.budget?.raw ?? 'over 100k'}. Prepare a tailored demo before the follow-up call.`,
        dueAt: followUp,
        priority: 'high',
        ownerEmail: config.teams.enterprise.email,
      };
    case 'onboarding-kickoff':
      return {
        subject: `Premium onboarding kick-off: ${leadLabel(input.call)}`,
        body: `Approved by ${input.approval?.approver ?? 'a manager'}. Plan the onboarding and introduce the executive sponsor.`,
        dueAt: followUp,
        priority: 'high',
        ownerEmail: config.teams.enterprise.email,
      };
    default:
      throw new UnknownTemplateError('CRM task', input.template);
  }
}

export function planContactUpdate(input: LeadTaskInput): Record<string, string> {
  switch (input.template) {
    case 'priority-flag':
      return { hs_lead_status: 'OPEN', call_priority: 'critical' };
    case 'executive-owner':
      return {
        contact_owner_email: workflowConfig().executiveOwnerEmail,
        sales_team: 'enterprise',
      };
    case 'enterprise-approved':
      return {
        ...approvalProperties(input),
        sales_team: 'enterprise',
        executive_sponsor_email: workflowConfig().executiveOwnerEmail,
      };
    case 'approval-rejected':
      return { ...approvalProperties(input), sales_team: input.team ?? 'standard' };
    default:
      throw new UnknownTemplateError('CRM update', input.template);
  }
}

/** The manager's decision as CRM properties, so that it stays on the lead. */
function approvalProperties(input: LeadTaskInput): Record<string, string> {
  const approval = input.approval;
  if (!approval) return {};
  return {
    approval_decision: approval.decision,
    approval_decided_by: approval.approver,
    approval_decided_at: approval.decidedAt,
    approval_comment: approval.comment,
  };
}

/** The premium onboarding deal of an approved high-value lead. */
export function planDeal(input: LeadTaskInput): { name: string; stage: string; amount?: number } {
  if (input.template !== 'premium-onboarding')
    throw new UnknownTemplateError('deal', input.template);
  return {
    name: `Premium onboarding: ${leadLabel(input.call)}`,
    stage: 'contractsent',
    ...(input.call.budget ? { amount: input.call.budget.max } : {}),
  };
}
