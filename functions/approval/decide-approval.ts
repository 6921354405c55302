/**
 * The approval link's two requests, without the Lambda plumbing: GET shows the lead and a form,
 * POST takes the decision once and hands it to the waiting workflow.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../aws/step-functions';
import { recordAudit } from '../core/audit-trail';
import { logger } from '../core/logger';
import type { ApprovalLinkConfig } from './approval-config';
import { checkLink, readLink } from './approval-link';
import {
  closedPage,
  type LinkProblem,
  problemPage,
  recordedPage,
  reviewPage,
} from './approval-pages';
import {
  type Approval,
  ApprovalClosedError,
  type Decision,
  readApproval,
  takeDecision,
} from './approval-store';

export interface PageResult {
  statusCode: number;
  html: string;
}

const PROBLEM_STATUS: Record<LinkProblem, number> = { tampered: 403, expired: 410, unknown: 404 };
const problem = (kind: LinkProblem): PageResult => ({
  statusCode: PROBLEM_STATUS[kind],
  html: problemPage(kind),
});

type Opened = { approval: Approval; approver: string; role: Decision['role'] };

/** The approval a link names, when the link is whole, unexpired and names a known approver. */
async function open(
  approvalId: string | undefined,
  query: Record<string, string | undefined>,
  config: ApprovalLinkConfig,
): Promise<Opened | PageResult> {
  const link = readLink(approvalId, query);
  if (!link) return problem('tampered');
  const check = checkLink(link, config.linkSecrets);
  if (check === 'tampered') return problem(check);

  const approval = await readApproval(config.table, link.approvalId);
  const approver = approval?.approvers[link.approver];
  if (!approval || !approver) return problem('unknown');
  // An expired link still tells what was decided; only an undecided one says it is too late.
  if (check === 'expired') {
    return approval.decision ? { statusCode: 409, html: closedPage(approval) } : problem('expired');
  }
  return { approval, approver, role: link.approver };
}

export async function showApproval(
  approvalId: string | undefined,
  query: Record<string, string | undefined>,
  config: ApprovalLinkConfig,
): Promise<PageResult> {
  const opened = await open(approvalId, query, config);
  if ('html' in opened) return opened;
  if (opened.approval.status !== 'pending')
    return { statusCode: 200, html: closedPage(opened.approval) };
  return { statusCode: 200, html: reviewPage(opened.approval, query.decision) };
}

export async function submitDecision(
  approvalId: string | undefined,
  query: Record<string, string | undefined>,
  form: Record<string, string | undefined>,
  config: ApprovalLinkConfig,
): Promise<PageResult> {
  const opened = await open(approvalId, query, config);
  if ('html' in opened) return opened;
  if (form.decision !== 'approve' && form.decision !== 'reject') {
    return { statusCode: 400, html: reviewPage(opened.approval, undefined) };
  }

  const decision: Decision = {
    decision: form.decision === 'approve' ? 'approved' : 'rejected',
    approver: opened.approver,
    role: opened.role,
    comment: (form.comment ?? '').trim().slice(0, 1000),
    decidedAt: new Date().toISOString(),
  };
  const log = logger.createChild({
    persistentKeys: {
      approvalId: opened.approval.approvalId,
      executionId: opened.approval.executionId,
    },
  });
  let taskToken: string;
  try {
    ({ taskToken } = await takeDecision(
      config.table,
      opened.approval.approvalId,
      decision.decision,
      decision,
    ));
  } catch (error) {
    if (!(error instanceof ApprovalClosedError) || !error.approval) throw error;
    return { statusCode: 409, html: closedPage(error.approval) };
  }

  log.info('Approval decided', { decision: decision.decision, role: decision.role });
  await recordAudit(opened.approval.executionId, {
    actor: `approver:${decision.role}`,
    action: 'approval.decided',
    detail: { decision: decision.decision, approvalId: opened.approval.approvalId },
  });
  try {
    await stepFunctions().send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(decision) }),
    );
  } catch (error) {
    // The step that was waiting has timed out; its successor reads the decision from the table.
    log.warn('Decision recorded while the workflow was between steps', {
      error: (error as Error).name,
    });
  }
  return { statusCode: 200, html: recordedPage(decision) };
}
