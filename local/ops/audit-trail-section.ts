/**
 * A call's audit trail as a table: when, who, what, and the ids and counts recorded with it
 * (redacted all the same, should a detail ever carry more than it is meant to).
 */
import { type AuditEntry, readAuditTrail } from '../../functions/core/audit-trail';
import { redactText } from '../../functions/core/redaction';
import { type Html, html } from './html';

export async function auditTrailSection(executionId: string | undefined): Promise<Html> {
  if (!executionId)
    return html`<p class="empty">This run names no call, so it has no audit trail.</p>`;
  let entries: AuditEntry[];
  try {
    entries = await readAuditTrail(executionId);
  } catch (error) {
    return html`<p class="error">The audit trail could not be read: ${(error as Error).message}</p>`;
  }
  if (entries.length === 0)
    return html`<p class="empty">Nothing recorded for ${executionId} yet.</p>`;
  const rows = entries.map(
    (entry) => html`<tr>
<td>${entry.at}</td><td>${entry.actor}</td><td><code>${entry.action}</code></td>
<td>${Object.entries(entry.detail ?? {}).map(([key, value]) => html`<span class="detail"><span class="muted">${key}</span> ${redactText(String(value))}</span>`)}</td>
</tr>`,
  );
  return html`<table class="audit"><thead><tr><th>At</th><th>Actor</th><th>Action</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table>`;
}
