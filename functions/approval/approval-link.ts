/**
 * Approval links: a short approval id, the approver it was sent to, an expiry and an HMAC over
 * the three. The task token never leaves the approvals table; a link only names the approval.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const APPROVER_ROLES = ['primary', 'escalation'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export interface ApprovalLink {
  approvalId: string;
  approver: ApproverRole;
  /** Seconds since the epoch. */
  expires: number;
}

export type LinkCheck = 'valid' | 'tampered' | 'expired';

const APPROVAL_ID = /^ap_[A-Za-z0-9_-]{22}$/;

function signature(link: ApprovalLink, secret: string): string {
  return createHmac('sha256', secret)
    .update(`${link.approvalId}.${link.approver}.${link.expires}`)
    .digest('base64url');
}

/** The approval id for a workflow run: stable across retries, unguessable without the secret. */
export function approvalIdFor(executionId: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(`approval:${executionId}`).digest('base64url');
  return `ap_${mac.slice(0, 22)}`;
}

export function approvalUrl(baseUrl: string, link: ApprovalLink, secret: string): string {
  const query = new URLSearchParams({
    approver: link.approver,
    expires: String(link.expires),
    sig: signature(link, secret),
  });
  return `${baseUrl}/approvals/${link.approvalId}?${query}`;
}

/** Reads a link's parts from the path and query; anything malformed is `undefined`. */
export function readLink(
  approvalId: string | undefined,
  params: Record<string, string | undefined>,
): (ApprovalLink & { sig: string }) | undefined {
  const approver = APPROVER_ROLES.find((role) => role === params.approver);
  const expires = Number(params.expires);
  if (!approvalId || !APPROVAL_ID.test(approvalId) || !approver) return undefined;
  if (!Number.isInteger(expires) || !params.sig) return undefined;
  return { approvalId, approver, expires, sig: params.sig };
}

/** Checks the signature against every active secret (rotation), then the expiry. */
export function checkLink(
  link: ApprovalLink & { sig: string },
  secrets: readonly string[],
  nowMs = Date.now(),
): LinkCheck {
  const given = Buffer.from(link.sig);
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(signature(link, secret));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) return 'tampered';
  return link.expires * 1000 < nowMs ? 'expired' : 'valid';
}
