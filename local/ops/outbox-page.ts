/**
 * The outbox: every e-mail the system sent, and one e-mail as its reader sees it, its links
 * (an approval e-mail's Approve and Reject) ready to follow to the local API.
 */
import { type Html, html, isWebLink } from './html';
import type { OpenedMail, OutboxEntry } from './outbox-mail';
import { layout } from './page-layout';

export function outboxPage(entries: OutboxEntry[], outboxDir: string): Html {
  const body =
    entries.length === 0
      ? html`<p class="empty">No e-mail sent yet. They also land as .eml files in <code>${outboxDir}</code>.</p>`
      : html`<p class="note">${entries.length} e-mail${entries.length === 1 ? '' : 's'}, newest first; the .eml files are in <code>${outboxDir}</code>.</p>
<table class="outbox"><thead><tr><th>Sent</th><th>Subject</th><th>To</th><th>From</th></tr></thead><tbody>${entries.map(
          (entry) => html`<tr>
<td>${entry.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</td>
<td><a href="/outbox/${encodeURIComponent(entry.id)}">${entry.subject || '(no subject)'}</a></td>
<td>${entry.to.join(', ')}</td><td>${entry.from}</td>
</tr>`,
        )}</tbody></table>`;
  return layout({ title: 'Outbox', section: 'outbox', body });
}

export function mailPage(mail: OpenedMail): Html {
  const links = mail.links.map((link) =>
    isWebLink(link.href)
      ? html`<li><strong>${link.label}</strong> <a class="mail-link" href="${link.href}" rel="noreferrer">${link.href}</a></li>`
      : html`<li><strong>${link.label}</strong> <code>${link.href}</code> <span class="muted">(not a web link)</span></li>`,
  );
  // No scripts, no access to this page; its links open outside the frame.
  const rendered = mail.html
    ? html`<iframe class="mail-html" title="The e-mail as HTML" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${`<base target="_blank">${mail.html}`}"></iframe>`
    : '';
  return layout({
    title: mail.subject || '(no subject)',
    section: 'outbox',
    body: html`<p><a href="/outbox">All e-mails</a></p>
<dl class="facts"><dt>From</dt><dd>${mail.from}</dd><dt>To</dt><dd>${mail.to.join(', ')}</dd><dt>Sent</dt><dd>${mail.at}</dd><dt>File</dt><dd><code>${mail.file}</code></dd></dl>
${links.length > 0 ? html`<section aria-labelledby="links-title"><h2 id="links-title">Links</h2><ul class="links">${links}</ul></section>` : ''}
${rendered ? html`<section aria-labelledby="html-title"><h2 id="html-title">As HTML</h2>${rendered}</section>` : ''}
<section aria-labelledby="text-title"><h2 id="text-title">As text</h2><pre class="mail-text">${mail.text}</pre></section>
${mail.attachments.map((attachment) => html`<section><h2>Attachment: ${attachment.name} <span class="muted">${attachment.mediaType}</span></h2><pre>${attachment.text}</pre></section>`)}`,
  });
}
