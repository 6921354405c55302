/** What every lead follow-up task receives from the ASL, and how it is resolved to people. */
import type { Call, Language } from '../core/call';
import { type WorkflowConfig, workflowConfig } from '../core/workflow-config';
import type { ContactFacts, LeadScore } from './score-lead';

export interface LeadTaskInput {
  template: string;
  executionId: string;
  receivedAt: number;
  language: Language;
  call: Call;
  contact: ContactFacts;
  score: LeadScore;
}

/** What a follow-up step reports; collected by FinishLead into the answer's results. */
export interface StepReport {
  status: 'sent' | 'created' | 'updated' | 'skipped' | 'failed';
  channel: 'email' | 'chat' | 'sms' | 'calendar' | 'crm';
  id?: string;
  at?: string;
  to?: string;
}

export class UnknownTemplateError extends Error {
  constructor(kind: string, template: string) {
    super(`No ${kind} template named "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

/** The team that owns the lead, with its mailbox and chat channel. */
export function owningTeam(input: LeadTaskInput, config: WorkflowConfig = workflowConfig()) {
  return { name: input.score.team, ...config.teams[input.score.team] };
}

/** "Jane Doe (Acme)" or what of it is known, for internal notifications. */
export function leadLabel(call: Call): string {
  const name = call.contact.name ?? 'Unknown caller';
  return call.contact.company ? `${name} (${call.contact.company})` : name;
}
