/**
 * The knowledge base the support workflow asks: the articles shipped with the project, or a
 * Confluence space. Either way the same matcher decides how confident the answer is, and the
 * answer comes in the caller's language when the article exists in it.
 */
import type { ConfluenceClient } from '../../connectors/confluence';
import type { Language } from '../../core/call';
import { type KnowledgeArticle, plainText } from './article';
import { embeddedArticles } from './local-articles';
import { type ArticleMatch, type ArticleMatcher, createArticleMatcher } from './matcher';
import { tokenize } from './terms';

export interface KnowledgeAnswer {
  /** True when the best article reaches the threshold: the caller gets it as the answer. */
  confident: boolean;
  confidence: number;
  threshold: number;
  source: 'local' | 'confluence';
  matchedTerms: string[];
  article?: {
    id: string;
    language: Language;
    title: string;
    url: string;
    /** What the agent says on the phone. */
    gist: string;
    /** The full answer for the e-mail, as plain text. */
    text: string;
  };
}

export interface KnowledgeBase {
  answer(question: string, language: Language): Promise<KnowledgeAnswer>;
}

function answerOf(
  match: ArticleMatch | undefined,
  threshold: number,
  source: KnowledgeAnswer['source'],
  inLanguage: (article: KnowledgeArticle) => KnowledgeArticle,
): KnowledgeAnswer {
  const confidence = match?.confidence ?? 0;
  const answer: KnowledgeAnswer = {
    confident: confidence >= threshold && match !== undefined,
    confidence,
    threshold,
    source,
    matchedTerms: match?.matchedTerms ?? [],
  };
  if (!match) return answer;
  const article = inLanguage(match.article);
  return {
    ...answer,
    article: {
      id: article.id,
      language: article.language,
      title: article.title,
      url: article.url,
      gist: article.gist,
      text: plainText(article.body),
    },
  };
}

/** The Markdown articles embedded in the project; indexed at the first question, not at import. */
export function createEmbeddedKnowledgeBase(options: {
  articleBaseUrl: string;
  threshold: number;
}): KnowledgeBase {
  let loaded: { articles: KnowledgeArticle[]; matcher: ArticleMatcher } | undefined;
  const load = () => {
    if (!loaded) {
      const articles = embeddedArticles(options.articleBaseUrl);
      loaded = { articles, matcher: createArticleMatcher(articles) };
    }
    return loaded;
  };

  return {
    async answer(question, language) {
      const { articles, matcher } = load();
      // A German caller asking in English still gets the German article, and the other way round.
      const inLanguage = (article: KnowledgeArticle) =>
        articles.find((other) => other.id === article.id && other.language === language) ?? article;
      return answerOf(matcher.match(question), options.threshold, 'local', inLanguage);
    },
  };
}

/** Words for Confluence's text search: the question's longer words, longest first. */
export function searchWords(question: string, count = 8): string[] {
  const words = [...new Set(tokenize(question).map((word) => word.toLowerCase()))];
  return words
    .filter((word) => word.length >= 4 && !/^\d+$/.test(word))
    .sort((a, b) => b.length - a.length)
    .slice(0, count);
}

/** The first sentences of a page, as the spoken gist where a page has no gist of its own. */
function gistOf(text: string): string {
  const sentences = text.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+/g) ?? [text];
  let gist = '';
  for (const sentence of sentences) {
    if (gist && gist.length + sentence.length > 300) break;
    gist += sentence;
  }
  return gist.trim().slice(0, 400);
}

/**
 * A Confluence space: its text search finds candidate pages, and the matcher ranks them as it
 * ranks the embedded articles (each page read both as English and as German text).
 */
export function createConfluenceKnowledgeBase(options: {
  client: ConfluenceClient;
  spaceKey: string;
  threshold: number;
}): KnowledgeBase {
  return {
    async answer(question, _language) {
      const pages = await options.client.searchPages(options.spaceKey, searchWords(question));
      const articles = pages.flatMap((page) =>
        (['en', 'de'] as const).map((language) => ({
          id: page.id,
          language,
          title: page.title,
          keywords: page.labels,
          gist: gistOf(page.text),
          body: page.text,
          url: page.url,
        })),
      );
      const match = articles.length ? createArticleMatcher(articles).match(question) : undefined;
      return answerOf(match, options.threshold, 'confluence', (article) => article);
    },
  };
}
