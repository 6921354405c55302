/** Turns the support workflow's final state into the answer's results, warnings and status. */
import type { Call, Language } from '../core/call';
import type { WorkflowOutcome } from '../core/outcome';
import type { KnowledgeAnswer } from './knowledge-base/knowledge-base';
import type {
  OpenedTicket,
  SimilarTickets,
  SupportAssessment,
  SupportChannel,
  SupportStepReport,
} from './support-task';

type Skipped = { status: 'skipped'; reason: string };

/** What the ASL gathers: the ticket, the research, and how the ticket was handled. */
export interface SupportState {
  executionId: string;
  receivedAt: number;
  language: Language;
  call: Call;
  assessment: SupportAssessment;
  ticket: OpenedTicket;
  research: {
    answer: KnowledgeAnswer | { confident: false; unavailable: true; error: string };
    similar: SimilarTickets;
  };
  /** The resolution (self-service or technical team), then the complaint copy. */
  handling?: [
    (
      | { path: 'self_service'; steps: SupportStepReport[] }
      | { path: 'technical'; steps: Array<SupportStepReport | Skipped> }
    ),
    SupportStepReport | Skipped,
  ];
}

const SERVICE_NAMES: Record<SupportChannel, string> = {
  email: 'E-mail service',
  chat: 'Chat service',
  helpdesk: 'Helpdesk',
  tracker: 'Issue tracker',
  sla: 'SLA watch',
};

const isStep = (step: SupportStepReport | Skipped | undefined): step is SupportStepReport =>
  step !== undefined && step.status !== 'skipped';

function warningFor(step: SupportStepReport): string {
  const service = SERVICE_NAMES[step.channel];
  return step.error === 'UpstreamRejectedError'
    ? `${service} refused the request; check its configuration`
    : `${service} temporarily unavailable`;
}

const statusOf = (steps: SupportStepReport[], name: string) =>
  steps.find((step) => step.step === name)?.status ?? 'skipped';

export function supportOutcome(state: SupportState, now = Date.now()): WorkflowOutcome {
  const { assessment, ticket, research } = state;
  const [resolution, complaint] = state.handling ?? [];
  const steps = [...(resolution?.steps ?? []), complaint].filter(isStep);
  const failed = steps.filter((step) => step.status === 'failed');
  const answer = 'unavailable' in research.answer ? undefined : research.answer;
  const selfService = resolution?.path === 'self_service';

  const warnings = [...new Set(failed.map(warningFor))];
  if (!answer) warnings.push('Knowledge base unavailable; the technical team takes the ticket');
  if (research.similar.unavailable) warnings.push('Similar-ticket search unavailable');

  const tracker = steps.find((step) => step.channel === 'tracker' && step.status === 'created');
  const watch = steps.find((step) => step.channel === 'sla');
  const assign = steps.find((step) => step.step === 'technical-team');
  const results: Record<string, unknown> = {
    ticket: {
      ticket_id: ticket.ticketId,
      crm_contact_id: ticket.contactId,
      new_ticket: ticket.created,
      priority: assessment.level,
      resolution: selfService ? 'self_service' : 'technical_team',
      ...(assign && assign.status !== 'failed' && assign.to ? { assigned_to: assign.to } : {}),
      ...(assessment.complaint ? { complaint: true } : {}),
    },
    knowledge_base: {
      answered: selfService,
      confidence: answer?.confidence ?? 0,
      ...(selfService && answer?.article
        ? { article: answer.article.id, article_url: answer.article.url }
        : {}),
    },
    similar_tickets: research.similar.tickets.map((similar) => similar.id),
  };
  if (!selfService) {
    results.sla = {
      level: assessment.sla.level,
      target: assessment.sla.target,
      respond_by: assessment.sla.dueAt,
      warn_at: assessment.sla.warnAt,
      watch: watch?.status ?? 'not_run',
    };
  }
  if (assessment.bugReport) {
    results.issue = tracker
      ? { key: tracker.id, url: tracker.url }
      : { status: steps.some((s) => s.channel === 'tracker') ? 'failed' : 'not_run' };
  }
  const stepList = ((resolution?.steps ?? []) as Array<SupportStepReport | Skipped>).filter(isStep);
  results.notifications_sent = {
    ...(selfService
      ? { email_answer: statusOf(stepList, 'knowledge-answer') }
      : {
          email_response_time: statusOf(stepList, 'response-time'),
          chat_notification: statusOf(stepList, 'technical-ticket'),
        }),
    success_team_copy: complaint?.status ?? 'skipped',
  };

  const emailSent = steps.some(
    (step) =>
      step.channel === 'email' &&
      step.status === 'sent' &&
      (step.step === 'knowledge-answer' || step.step === 'response-time'),
  );
  return {
    workflowId: 'wf_support',
    status: failed.length > 0 ? 'partial' : 'completed',
    results,
    errors: failed.map((step) => `${step.channel}: ${step.error ?? 'failed'}`),
    warnings,
    highlights: {
      ticketNumber: ticket.ticketId,
      ...(selfService && answer?.article ? { answerGist: answer.article.gist } : {}),
      ...(selfService
        ? {}
        : {
            team: 'technical',
            respondBy: assessment.sla.dueAt,
            ...(assessment.sla.withinMinutes
              ? { respondWithinMinutes: assessment.sla.withinMinutes }
              : {}),
          }),
      failedChannels: [...new Set(failed.map((step) => step.channel))],
      workingChannels: emailSent ? ['email'] : [],
    },
    executionTimeMs: now - state.receivedAt,
    finishedAt: new Date(now).toISOString(),
  };
}
