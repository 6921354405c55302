/** What the support workflow's tasks receive from the ASL and report back. */
import type { TicketStage, TicketSummary } from '../connectors/hubspot-tickets';
import type { Call, Language } from '../core/call';
import type { KnowledgeAnswer } from './knowledge-base/knowledge-base';
import type { SlaTimer, SupportLevel } from './sla';

/** How the workflow reads the call before anything is created. */
export interface SupportAssessment {
  level: SupportLevel;
  complaint: boolean;
  bugReport: boolean;
  /** Why it reads as a defect: error code, crash, failure, … */
  bugSignals: string[];
  subject: string;
  /** The SLA the call gets if the technical team takes it. */
  sla: SlaTimer;
}

export interface OpenedTicket {
  ticketId: string;
  contactId: string;
  created: boolean;
}

export interface SupportTaskInput {
  template: string;
  executionId: string;
  receivedAt: number;
  language: Language;
  call: Call;
  assessment: SupportAssessment;
  ticket: OpenedTicket;
  research?: { answer: KnowledgeAnswer; similar: SimilarTickets };
}

export interface SimilarTickets {
  tickets: TicketSummary[];
  unavailable?: boolean;
}

/** What the SLA watch hands its alert steps: the ticket and its timer, no personal data. */
export interface SlaWatchInput {
  template: 'sla-warning' | 'sla-breach';
  executionId: string;
  ticketId: string;
  sla: SlaTimer;
  status?: { stage: TicketStage | 'unknown'; open: boolean };
}

export type SupportChannel = 'email' | 'chat' | 'helpdesk' | 'tracker' | 'sla';

/** What a support step reports; collected by FinishSupport into the answer's results. */
export interface SupportStepReport {
  status: 'sent' | 'created' | 'updated' | 'started' | 'skipped' | 'failed';
  channel: SupportChannel;
  /** Which step, e.g. `knowledge-answer` or `technical-team`. */
  step?: string;
  id?: string;
  at?: string;
  to?: string;
  url?: string;
  error?: string;
}

export class UnknownTemplateError extends Error {
  constructor(kind: string, template: string) {
    super(`No support ${kind} template named "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

/** "Jane Doe (Acme)" or what of it is known, for internal notifications. */
export function callerLabel(call: Call): string {
  const name = call.contact.name ?? 'Unknown caller';
  return call.contact.company ? `${name} (${call.contact.company})` : name;
}
