/** The approval e-mail: the lead's facts and two buttons, which open the confirmation page. */
import type { OutgoingEmail } from '../connectors/email';
import { escapeHtml } from '../core/html';
import { reviewFacts } from './approval-pages';
import type { ApprovalReview } from './approval-store';

export type ApprovalStage = 'request' | 'reminder' | 'escalation';

const SUBJECTS: Record<ApprovalStage, string> = {
  request: 'Approval needed: high-value lead',
  reminder: 'Reminder: a high-value lead is waiting for your approval',
  escalation: 'Escalated: a high-value lead needs a decision',
};

const INTROS: Record<ApprovalStage, string> = {
  request: 'A caller scored above 90. Nothing more happens with this lead until you decide.',
  reminder: 'This lead is still waiting for your decision.',
  escalation: 'Nobody has decided on this lead yet, so it comes to you as well.',
};

export function approvalEmail(
  stage: ApprovalStage,
  to: string | string[],
  review: ApprovalReview,
  link: string,
): OutgoingEmail {
  const title = [review.name, review.company].filter(Boolean).join(', ') || 'a caller';
  const approve = `${link}&decision=approve`;
  const reject = `${link}&decision=reject`;
  const button = (href: string, label: string, color: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 22px;margin-right:10px;background:${color};color:#fff;text-decoration:none;border-radius:4px">${label}</a>`;
  return {
    to,
    subject: `${SUBJECTS[stage]} (score ${review.score})`,
    text: [
      INTROS[stage],
      '',
      `Caller: ${title}`,
      `Lead score: ${review.score} / 100 (${review.reasons.join('; ')})`,
      `Budget: ${review.budget ?? 'not mentioned'}`,
      `Timeline: ${review.timeline ?? 'not mentioned'}`,
      `Competitors: ${review.competitors.join(', ') || 'none mentioned'}`,
      '',
      review.summary,
      '',
      `Approve: ${approve}`,
      `Reject: ${reject}`,
      '',
      'Each link opens a page where you confirm; opening it alone decides nothing.',
    ].join('\n'),
    html: `<p>${escapeHtml(INTROS[stage])}</p>${reviewFacts(review)}<p>${button(approve, 'Approve', '#1a7f37')}${button(reject, 'Reject', '#cf222e')}</p><p style="color:#57606a">Each button opens a page where you confirm; opening it alone decides nothing.</p>`,
  };
}
