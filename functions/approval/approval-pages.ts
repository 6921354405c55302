/**
 * The pages behind an approval link. Opening a link only shows the lead and a form (so that a
 * mail scanner following it decides nothing); the form's POST decides. Every lead value is
 * escaped: the page shows text, never markup from a call.
 */
import { escapeHtml } from '../core/html';
import type { Approval, ApprovalReview, Decision } from './approval-store';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}' +
  'dt{font-weight:600;margin-top:.6rem}dd{margin:0}textarea{width:100%;min-height:5rem}' +
  'button{font-size:1rem;padding:.6rem 1.4rem;margin:.8rem .6rem 0 0;border:0;border-radius:.3rem;color:#fff;cursor:pointer}' +
  '.approve{background:#1a7f37}.reject{background:#cf222e}.note{color:#57606a}';

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const item = (label: string, value: string | undefined) =>
  value ? `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>` : '';

export function reviewFacts(review: ApprovalReview): string {
  return `<dl>${[
    item('Caller', [review.name, review.company].filter(Boolean).join(', ') || undefined),
    item('Lead score', `${review.score} / 100`),
    item('Why', review.reasons.join('; ')),
    item('Budget', review.budget),
    item('Timeline', review.timeline),
    item('Competitors', review.competitors.join(', ') || undefined),
    item('Pain points', review.painPoints.join('; ') || undefined),
    item('Summary', review.summary),
  ].join('')}</dl>`;
}

/** The confirmation page a link opens; `preselect` only decides which button is first. */
export function reviewPage(approval: Approval, preselect: string | undefined): string {
  const approveFirst = preselect !== 'reject';
  const approve = '<button class="approve" name="decision" value="approve">Approve</button>';
  const reject = '<button class="reject" name="decision" value="reject">Reject</button>';
  return layout(
    'Approve this high-value lead?',
    `${reviewFacts(approval.review)}<form method="post"><label for="comment">Comment (optional)</label><textarea id="comment" name="comment" maxlength="1000"></textarea>${approveFirst ? approve + reject : reject + approve}</form><p class="note">Nothing is decided until you press a button.</p>`,
  );
}

function decisionText(decision: Decision): string {
  const comment = decision.comment ? ` with the comment "${decision.comment}"` : '';
  return `${decision.decision === 'approved' ? 'Approved' : 'Rejected'} by ${decision.approver} on ${decision.decidedAt}${comment}.`;
}

export function recordedPage(decision: Decision): string {
  return layout(
    decision.decision === 'approved' ? 'Approved, thank you' : 'Rejected, thank you',
    `<p>${escapeHtml(decisionText(decision))}</p><p class="note">The workflow goes on from here; you can close this page.</p>`,
  );
}

/** A second use of a link: who decided what and when, and that nothing changed. */
export function closedPage(approval: Approval): string {
  if (approval.decision) {
    return layout(
      'Already decided',
      `<p>${escapeHtml(decisionText(approval.decision))}</p><p class="note">This link cannot change the decision.</p>`,
    );
  }
  return layout(
    'No longer open',
    '<p>Nobody decided before the deadline, so the lead went on without approval. This link cannot change that.</p>',
  );
}

export type LinkProblem = 'tampered' | 'expired' | 'unknown';

const PROBLEMS: Record<LinkProblem, [string, string]> = {
  tampered: [
    'This link is not valid',
    'The link has been changed or cut off. Open it again from the approval e-mail, whole.',
  ],
  expired: [
    'This link has expired',
    'The time to decide on this lead is over; nothing was changed. The sales team has been told what happened.',
  ],
  unknown: [
    'Approval not found',
    'There is no open approval for this link; it may have been removed after its retention time.',
  ],
};

export function problemPage(problem: LinkProblem): string {
  const [title, text] = PROBLEMS[problem];
  return layout(title, `<p>${escapeHtml(text)}</p>`);
}
