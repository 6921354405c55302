/** What every lead follow-up task receives from the ASL, and how it is resolved to people. */

import type { ApprovalResult } from '../approval/approval-store';
import type { Call, Language } from '../core/call';
import { type SalesTeam, type WorkflowConfig, workflowConfig } from '../core/workflow-config';
import type { ContactFacts, LeadScore } from './score-lead';

export interface LeadTaskInput {
  template: string;
  executionId: string;
  receivedAt: number;
  language: Language;
  call: Call;
  contact: ContactFacts;
  score: LeadScore;
  /** The team when it is not the score's: a rejected high-value lead goes to standard sales. */
  team?: SalesTeam;
  /** The manager's decision, for the steps after a high-value approval. */
  approval?: ApprovalResult;
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
  const team = input.team ?? input.score.team;
  return { name: team, ...config.teams[team] };
}

/** "Jane Doe (Acme)" or what of it is known, for internal notifications. */
export function leadLabel(call: Call): string {
  const name = call.contact.name ?? 'Unknown caller';
  return call.contact.company ? `${name} (${call.contact.company})` : name;
}
