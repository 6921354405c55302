/**
 * Task (callback): asks the manager, reminds, or escalates, then leaves the workflow waiting for
 * the decision. The task token goes into the approvals table and nowhere else.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { approvalConfig, approvalLinkConfig } from '../approval/approval-config';
import { type ApprovalStage, approvalEmail } from '../approval/approval-email';
import { type ApproverRole, approvalIdFor, approvalUrl } from '../approval/approval-link';
import {
  type ApprovalReview,
  openApproval,
  readApproval,
  renewToken,
} from '../approval/approval-store';
import { stepFunctions } from '../aws/step-functions';
import type { Call } from '../core/call';
import { withSecretValues } from '../core/secret-values';
import { mailer } from '../lead/connections';
import type { LeadScore } from '../lead/score-lead';

interface ApprovalRequest {
  taskToken: string;
  stage: ApprovalStage;
  executionId: string;
  call: Call;
  score: LeadScore;
}

function review(call: Call, score: LeadScore): ApprovalReview {
  return {
    ...(call.contact.name ? { name: call.contact.name } : {}),
    ...(call.contact.company ? { company: call.contact.company } : {}),
    summary: call.summary,
    score: score.value,
    reasons: score.reasons.map((reason) => `${reason.detail} (+${reason.points})`),
    ...(call.budget ? { budget: call.budget.raw } : {}),
    ...(call.timeline ? { timeline: call.timeline } : {}),
    competitors: call.competitors,
    painPoints: call.painPoints,
  };
}

export const handler = withSecretValues(async (request: ApprovalRequest) => {
  const config = approvalConfig();
  const signingSecret = approvalLinkConfig().linkSecrets[0] ?? '';
  const approvalId = approvalIdFor(request.executionId, signingSecret);
  const existing = await readApproval(config.table, approvalId);
  const linkExpiresAt =
    existing?.linkExpiresAt ?? Math.floor(Date.now() / 1000) + config.deadlineSeconds;
  const approvers = {
    primary: config.approver,
    ...(request.stage === 'escalation' ? { escalation: config.escalationApprover } : {}),
  };

  const waiting =
    request.stage === 'request' && !existing
      ? await openApproval(
          config.table,
          {
            approvalId,
            executionId: request.executionId,
            approvers,
            linkExpiresAt,
            review: review(request.call, request.score),
          },
          request.taskToken,
        )
      : await renewToken(config.table, approvalId, request.taskToken, approvers);

  if (!waiting) {
    // Decided while the previous step was timing out: hand the decision on at once.
    const decided = await readApproval(config.table, approvalId);
    await stepFunctions().send(
      new SendTaskSuccessCommand({
        taskToken: request.taskToken,
        output: JSON.stringify(
          decided?.decision ?? {
            decision: 'declined',
            approver: 'nobody',
            comment: '',
            decidedAt: new Date().toISOString(),
          },
        ),
      }),
    );
    return { sent: false };
  }

  const role: ApproverRole = request.stage === 'escalation' ? 'escalation' : 'primary';
  const link = approvalUrl(
    config.baseUrl,
    { approvalId, approver: role, expires: linkExpiresAt },
    signingSecret,
  );
  const snapshot = existing?.review ?? review(request.call, request.score);
  await mailer().send({
    ...approvalEmail(request.stage, approvers[role] ?? config.approver, snapshot, link),
    headers: { 'X-Execution-Id': request.executionId, 'X-Template': `approval-${request.stage}` },
  });
  return { sent: true };
});
