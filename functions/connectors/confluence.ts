/**
 * Knowledge-base connector for Confluence Cloud: finds pages of one space with a CQL text search
 * and answers them as plain text, for the matcher to rank. Basic auth with e-mail and API token.
 */
import { requestJson } from './http-client';

export const CONFLUENCE_SERVICE = 'confluence';

export interface ConfluenceClientOptions {
  /** e.g. `https://your-site.atlassian.net`; no default, so nothing is ever called by accident. */
  baseUrl: string;
  email: string;
  token: string;
  timeoutMs: number;
}

export interface ConfluencePage {
  id: string;
  title: string;
  /** The page body as plain text. */
  text: string;
  /** The page's labels, which knowledge-base authors use as keywords. */
  labels: string[];
  url: string;
}

interface ContentResult {
  id: string;
  title?: string;
  body?: { view?: { value?: string } };
  metadata?: { labels?: { results?: Array<{ name?: string }> } };
  _links?: { webui?: string };
}

/** CQL string literal: quotes and backslashes escaped. */
function cqlString(text: string): string {
  return `"${text.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** Tags out, entities of the usual kind decoded, whitespace tidied. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/li|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

export function createConfluenceClient(options: ConfluenceClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const credentials = Buffer.from(`${options.email}:${options.token}`).toString('base64');

  return {
    /**
     * Pages of `spaceKey` containing any of `words` (Confluence stems them itself), best first.
     * Any-word matching gives the matcher candidates to rank; the matcher decides confidence.
     */
    async searchPages(spaceKey: string, words: string[], limit = 10): Promise<ConfluencePage[]> {
      if (words.length === 0) return [];
      const anyWord = words.map((word) => `text ~ ${cqlString(word)}`).join(' OR ');
      const query = new URLSearchParams({
        cql: `type = page AND space = ${cqlString(spaceKey)} AND (${anyWord})`,
        limit: String(limit),
        expand: 'body.view,metadata.labels',
      });
      const { body } = await requestJson<{
        results?: ContentResult[];
        _links?: { base?: string };
      }>(CONFLUENCE_SERVICE, {
        url: `${baseUrl}/wiki/rest/api/content/search?${query}`,
        method: 'GET',
        headers: { authorization: `Basic ${credentials}` },
        timeoutMs: options.timeoutMs,
      });
      const linkBase = body?._links?.base ?? `${baseUrl}/wiki`;
      return (body?.results ?? []).map((page) => ({
        id: page.id,
        title: page.title ?? '',
        text: textOfHtml(page.body?.view?.value ?? ''),
        labels: (page.metadata?.labels?.results ?? []).flatMap((label) => label.name ?? []),
        url: `${linkBase}${page._links?.webui ?? `/pages/${page.id}`}`,
      }));
    },
  };
}

export type ConfluenceClient = ReturnType<typeof createConfluenceClient>;
