import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  approvalIdFor,
  approvalUrl,
  checkLink,
  readLink,
} from '../../../functions/approval/approval-link';

const SECRET = 'a-link-secret-of-at-least-thirty-two-characters';
const OLD_SECRET = 'the-previous-link-secret-still-valid-for-a-while';
const NOW = Date.parse('2026-03-12T10:00:00Z');
const IN_A_DAY = NOW / 1000 + 86_400;

function parse(url: string) {
  const parsed = new URL(url);
  return readLink(parsed.pathname.split('/').at(-1), Object.fromEntries(parsed.searchParams));
}

describe('approval links', () => {
  it('name the approval, its approver and expiry, signed, and carry nothing else', () => {
    // Prepare
    const approvalId = approvalIdFor('exec_1', SECRET);

    // Act
    const url = approvalUrl(
      'https://api.example',
      { approvalId, approver: 'primary', expires: IN_A_DAY },
      SECRET,
    );

    // Assess
    const parsed = new URL(url);
    expect(parsed.pathname).toBe(`/approvals/${approvalId}`);
    expect([...parsed.searchParams.keys()]).toEqual(['approver', 'expires', 'sig']);
    const expected = createHmac('sha256', SECRET)
      .update(`${approvalId}.primary.${IN_A_DAY}`)
      .digest('base64url');
    expect(parsed.searchParams.get('sig')).toBe(expected);
  });

  it('give the same unguessable id for the same run, another for another run or secret', () => {
    expect(approvalIdFor('exec_1', SECRET)).toBe(approvalIdFor('exec_1', SECRET));
    expect(approvalIdFor('exec_1', SECRET)).toMatch(/^ap_[A-Za-z0-9_-]{22}$/);
    expect(approvalIdFor('exec_2', SECRET)).not.toBe(approvalIdFor('exec_1', SECRET));
    expect(approvalIdFor('exec_1', OLD_SECRET)).not.toBe(approvalIdFor('exec_1', SECRET));
  });

  it('are valid until they expire, also when signed with a secret being rotated out', () => {
    // Prepare
    const link = {
      approvalId: approvalIdFor('exec_1', SECRET),
      approver: 'primary' as const,
      expires: IN_A_DAY,
    };
    const fresh = parse(approvalUrl('https://api.example', link, OLD_SECRET));

    // Act / Assess
    expect(fresh && checkLink(fresh, [SECRET, OLD_SECRET], NOW)).toBe('valid');
    expect(fresh && checkLink(fresh, [SECRET, OLD_SECRET], (IN_A_DAY + 1) * 1000)).toBe('expired');
    expect(fresh && checkLink(fresh, [SECRET], NOW)).toBe('tampered');
  });

  it('refuse a changed expiry, approver or id, and a cut-off signature', () => {
    // Prepare
    const link = {
      approvalId: approvalIdFor('exec_1', SECRET),
      approver: 'primary' as const,
      expires: IN_A_DAY,
    };
    const url = approvalUrl('https://api.example', link, SECRET);

    // Act
    const changed = [
      url.replace(`expires=${IN_A_DAY}`, `expires=${IN_A_DAY + 3600}`),
      url.replace('approver=primary', 'approver=escalation'),
      url.replace(link.approvalId, approvalIdFor('exec_2', SECRET)),
      url.slice(0, -4),
    ].map(parse);

    // Assess
    for (const tampered of changed) {
      expect(tampered && checkLink(tampered, [SECRET], NOW)).toBe('tampered');
    }
  });

  it('are unreadable with a malformed id, an unknown approver or a missing signature', () => {
    expect(readLink('ap_short', { approver: 'primary', expires: '1', sig: 'x' })).toBeUndefined();
    const id = approvalIdFor('exec_1', SECRET);
    expect(readLink(id, { approver: 'ceo', expires: '1', sig: 'x' })).toBeUndefined();
    expect(readLink(id, { approver: 'primary', expires: 'soon', sig: 'x' })).toBeUndefined();
    expect(readLink(id, { approver: 'primary', expires: '1' })).toBeUndefined();
  });
});
