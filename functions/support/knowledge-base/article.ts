/**
 * A knowledge-base article: a Markdown file with a small front matter (id, title, keywords and
 * the gist the voice agent can say), one file per article and language.
 */
import type { Language } from '../../core/call';

export interface KnowledgeArticle {
  id: string;
  language: Language;
  title: string;
  /** Synonyms and phrasings callers use that the text may not (German compounds, slang). */
  keywords: string[];
  /** One or two sentences the agent says on the phone. */
  gist: string;
  /** The article's Markdown without its front matter. */
  body: string;
  url: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;
const REQUIRED = ['id', 'title', 'keywords', 'gist'] as const;

export class ArticleFormatError extends Error {
  constructor(source: string, problem: string) {
    super(`Knowledge-base article ${source}: ${problem}`);
    this.name = 'ArticleFormatError';
  }
}

/** Reads one article; `source` names it in errors, `url` is where readers find it. */
export function parseArticle(
  markdown: string,
  language: Language,
  source: string,
  url: (id: string) => string,
): KnowledgeArticle {
  const match = FRONT_MATTER.exec(markdown);
  if (!match) throw new ArticleFormatError(source, 'no front matter between --- lines');

  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const missing = REQUIRED.filter((name) => !fields[name]);
  if (missing.length > 0) throw new ArticleFormatError(source, `missing ${missing.join(', ')}`);

  const id = fields.id ?? '';
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new ArticleFormatError(source, 'id must be lower-case letters, digits and hyphens');
  }
  return {
    id,
    language,
    title: fields.title ?? '',
    keywords: (fields.keywords ?? '')
      .split(',')
      .map((keyword) => keyword.trim())
      .filter(Boolean),
    gist: fields.gist ?? '',
    body: (match[2] ?? '').trim(),
    url: url(id),
  };
}

/** The body as plain text for an e-mail: headings, emphasis and list markers removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#+\s*/gm, '')
    .replace(/\*\*([\s\S]+?)\*\*/g, '$1')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ')
    .trim();
}
