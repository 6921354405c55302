/**
 * Every Lambda function of the system, by the name the ASL files and the CDK app use for it.
 * Task functions are referenced in the ASL as `${<Name>Arn}`; the CDK app substitutes the
 * deployed ARNs, the local stack maps them to the same handler files.
 */
export const TASK_FUNCTIONS = {
  CrmFindContact: 'functions/handlers/crm-find-contact.ts',
  CrmCreateContact: 'functions/handlers/crm-create-contact.ts',
  CrmContactHistory: 'functions/handlers/crm-contact-history.ts',
  CrmUpdateContact: 'functions/handlers/crm-update-contact.ts',
  CrmCreateTask: 'functions/handlers/crm-create-task.ts',
  EnrichCompany: 'functions/handlers/enrich-company.ts',
  ScoreLead: 'functions/handlers/score-lead.ts',
  SendEmail: 'functions/handlers/send-email.ts',
  PostChatMessage: 'functions/handlers/post-chat-message.ts',
  SendSms: 'functions/handlers/send-sms.ts',
  FinishLead: 'functions/handlers/finish-lead.ts',
  HandOverFailedCall: 'functions/handlers/hand-over-failed-call.ts',
  StartApproval: 'functions/handlers/start-approval.ts',
  PlanApproval: 'functions/handlers/plan-approval.ts',
  RequestApproval: 'functions/handlers/request-approval.ts',
  ExpireApproval: 'functions/handlers/expire-approval.ts',
  CrmCreateDeal: 'functions/handlers/crm-create-deal.ts',
  QueueManualJob: 'functions/handlers/queue-manual-job.ts',
  FinishHighValue: 'functions/handlers/finish-high-value.ts',
  AssessSupportCall: 'functions/handlers/assess-support-call.ts',
  OpenSupportTicket: 'functions/handlers/open-support-ticket.ts',
  SearchKnowledgeBase: 'functions/handlers/search-knowledge-base.ts',
  FindSimilarTickets: 'functions/handlers/find-similar-tickets.ts',
  UpdateSupportTicket: 'functions/handlers/update-support-ticket.ts',
  SendSupportEmail: 'functions/handlers/send-support-email.ts',
  PostSupportChatMessage: 'functions/handlers/post-support-chat-message.ts',
  FileTrackerIssue: 'functions/handlers/file-tracker-issue.ts',
  StartSlaWatch: 'functions/handlers/start-sla-watch.ts',
  CheckTicketStatus: 'functions/handlers/check-ticket-status.ts',
  FinishSupport: 'functions/handlers/finish-support.ts',
} as const;

export type TaskFunctionName = keyof typeof TASK_FUNCTIONS;

export const API_FUNCTIONS = {
  Intake: 'functions/handlers/intake.ts',
  Executions: 'functions/handlers/executions.ts',
  ApprovalPage: 'functions/handlers/approval-page.ts',
  PrivacyRequests: 'functions/handlers/privacy-requests.ts',
} as const;

/**
 * Functions that watch the workflows from outside: EventBridge sends them the Standard
 * executions that ended badly, a schedule the calls left without an outcome.
 */
export const OPERATIONS_FUNCTIONS = {
  QueueFailedExecution: 'functions/handlers/queue-failed-execution.ts',
  SweepStalledCalls: 'functions/handlers/sweep-stalled-calls.ts',
} as const;

/** The Tasks that reach outside services run through the step ledger (functions/core/outside-step.ts). */
export const OUTSIDE_TASKS: readonly TaskFunctionName[] = [
  'CrmFindContact',
  'CrmCreateContact',
  'CrmContactHistory',
  'CrmUpdateContact',
  'CrmCreateTask',
  'EnrichCompany',
  'SendEmail',
  'PostChatMessage',
  'SendSms',
  'StartApproval',
  'CrmCreateDeal',
  'OpenSupportTicket',
  'SearchKnowledgeBase',
  'FindSimilarTickets',
  'UpdateSupportTicket',
  'SendSupportEmail',
  'PostSupportChatMessage',
  'FileTrackerIssue',
  'StartSlaWatch',
  'CheckTicketStatus',
];

/** The state machines and the workflow each one runs. */
export const STATE_MACHINES = {
  lead: { file: 'statemachines/lead.asl.json', type: 'EXPRESS' },
  /** Started by the lead workflow for a lead above 90; it waits for a manager's approval. */
  'high-value': { file: 'statemachines/high-value.asl.json', type: 'STANDARD', internal: true },
  support: { file: 'statemachines/support.asl.json', type: 'EXPRESS' },
  /** Started by the support workflow for each escalated ticket, never by a call. */
  'sla-watch': { file: 'statemachines/sla-watch.asl.json', type: 'STANDARD', internal: true },
} as const;

/** The workflows whose outcome is a call's answer; the SLA watch only watches a ticket. */
export const ANSWERING_WORKFLOWS: ReadonlySet<string> = new Set(['lead', 'support', 'high-value']);
