/** The local Confluence space: the embedded knowledge-base articles, as Confluence pages. */
import { embeddedArticles } from '../functions/support/knowledge-base/local-articles';
import type { ConfluenceStandinPage } from './standins/confluence';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown paragraphs and lists as the plain HTML of Confluence's view format. */
function html(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((block) => {
      const text = escapeHtml(block.trim()).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
      if (/^#+\s/.test(text)) return `<h1>${text.replace(/^#+\s*/, '')}</h1>`;
      if (/^(\d+\.|-)\s/m.test(text)) {
        const items = text
          .split(/\n(?=\d+\.\s|-\s)/)
          .map((item) => item.replace(/^(\d+\.|-)\s*/, ''));
        return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
      }
      return `<p>${text}</p>`;
    })
    .join('');
}

export function confluencePages(spaceKey: string): ConfluenceStandinPage[] {
  return embeddedArticles('https://help.voice-automation.example').map((article, index) => ({
    id: String(65_537 + index),
    spaceKey,
    title: article.title,
    html: html(article.body),
    // Labels are single words with hyphens, such as `office-closed`.
    labels: article.keywords.map((keyword) => keyword.toLowerCase().replace(/\s+/g, '-')),
  }));
}
