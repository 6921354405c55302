/**
 * The secrets each function reads, from the connectors and checks it runs, so that each is
 * given (and may read) those and no others. A new function must be entered here: the record
 * covers every function of functions/catalog.ts.
 */
import type { API_FUNCTIONS, OPERATIONS_FUNCTIONS, TaskFunctionName } from '../functions/catalog';
import type { SecretVariable } from './secret-names';

export type FunctionName =
  | TaskFunctionName
  | keyof typeof API_FUNCTIONS
  | keyof typeof OPERATIONS_FUNCTIONS;

/** The CRM and the helpdesk are the same HubSpot account. */
const CRM: SecretVariable[] = ['HUBSPOT_TOKEN'];
/** A hand-over tells the admin in chat (and by e-mail, which needs no secret). */
const HAND_OVER: SecretVariable[] = ['SLACK_TOKEN'];

export const SECRETS_READ: Record<FunctionName, SecretVariable[]> = {
  Intake: ['WEBHOOK_TOKENS', 'WEBHOOK_SIGNING_SECRETS'],
  Executions: ['WEBHOOK_TOKENS'],
  ApprovalPage: ['APPROVAL_LINK_SECRETS'],
  // An erasure deletes the person's contact in the CRM too.
  PrivacyRequests: ['ADMIN_TOKENS', ...CRM],

  CrmFindContact: CRM,
  CrmCreateContact: CRM,
  CrmContactHistory: CRM,
  CrmUpdateContact: CRM,
  CrmCreateTask: CRM,
  CrmCreateDeal: CRM,
  EnrichCompany: ['ENRICHMENT_TOKEN'],
  ScoreLead: [],
  SendEmail: [],
  PostChatMessage: ['SLACK_TOKEN'],
  SendSms: [],
  FinishLead: HAND_OVER,
  // Its lead fallback creates the contact in the CRM directly.
  HandOverFailedCall: [...HAND_OVER, ...CRM],
  StartApproval: [],
  PlanApproval: [],
  // The approval's id and its links are signed with the first link secret.
  RequestApproval: ['APPROVAL_LINK_SECRETS'],
  ExpireApproval: ['APPROVAL_LINK_SECRETS'],
  QueueManualJob: HAND_OVER,
  FinishHighValue: HAND_OVER,

  AssessSupportCall: [],
  OpenSupportTicket: CRM,
  SearchKnowledgeBase: ['CONFLUENCE_TOKEN'],
  FindSimilarTickets: CRM,
  UpdateSupportTicket: CRM,
  SendSupportEmail: [],
  PostSupportChatMessage: ['SLACK_TOKEN'],
  FileTrackerIssue: [...CRM, 'JIRA_TOKEN'],
  StartSlaWatch: [],
  CheckTicketStatus: CRM,
  FinishSupport: HAND_OVER,

  QueueFailedExecution: HAND_OVER,
  SweepStalledCalls: HAND_OVER,
};
