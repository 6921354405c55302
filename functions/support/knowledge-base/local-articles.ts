/** The knowledge base shipped with the project, parsed on first use rather than at import. */
import type { Language } from '../../core/call';
import { type KnowledgeArticle, parseArticle } from './article';
import { ARTICLE_FILES } from './articles';

/**
 * Every embedded article; `baseUrl` is the help center the links point to, e.g.
 * `https://help.example.com` gives `https://help.example.com/de/articles/invoices`.
 */
export function embeddedArticles(baseUrl: string): KnowledgeArticle[] {
  const base = baseUrl.replace(/\/+$/, '');
  return Object.entries(ARTICLE_FILES).map(([path, markdown]) => {
    const language = path.split('/')[0] as Language;
    return parseArticle(markdown, language, path, (id) => `${base}/${language}/articles/${id}`);
  });
}
