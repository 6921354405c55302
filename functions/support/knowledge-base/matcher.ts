/**
 * Finds the knowledge-base article that answers a question, with a confidence from 0 to 1.
 *
 * MiniSearch (BM25+, with prefix and typo tolerance) ranks the articles of each language. The
 * confidence of a candidate is how much of the question it covers: the share of the question's
 * search terms found in the article, each term weighted by how distinctive it is in the knowledge
 * base (its inverse document frequency). A word every article has ("call") counts little; a word
 * no article has counts most, so a question about something the knowledge base does not cover
 * stays unconfident. What an article is about (its title and keywords) counts fully; a term found
 * only in its body counts half, since articles mention in passing what they are not about. A
 * single shared term is not enough to be sure: below two matched terms the confidence is halved.
 */
import MiniSearch from 'minisearch';
import type { Language } from '../../core/call';
import type { KnowledgeArticle } from './article';
import { searchTerm, searchTerms, tokenize } from './terms';

export interface ArticleMatch {
  article: KnowledgeArticle;
  /** 0 to 1, two decimals. */
  confidence: number;
  /** The question's search terms the article contains. */
  matchedTerms: string[];
}

/** Candidates looked at per language: the confidence may prefer the second by rank. */
const CANDIDATES = 3;
const MIN_MATCHED_TERMS = 2;
/** Credit for a term found only in an article's body, not in its title or keywords. */
const BODY_ONLY_CREDIT = 0.5;

interface LanguageIndex {
  language: Language;
  search: MiniSearch<KnowledgeArticle>;
  articles: Map<string, KnowledgeArticle>;
  /** The search terms of each article's title and keywords: what it is about. */
  topics: Map<string, string[]>;
  /** In how many articles each search term occurs. */
  documentFrequency: Map<string, number>;
}

const textOf = (article: KnowledgeArticle) =>
  [article.title, article.keywords.join(' '), article.body].join('\n');

function buildIndex(language: Language, articles: KnowledgeArticle[]): LanguageIndex {
  const search = new MiniSearch<KnowledgeArticle>({
    fields: ['title', 'keywords', 'body'],
    extractField: (article, field) =>
      field === 'keywords' ? article.keywords.join(', ') : String(article[field as 'id'] ?? ''),
    tokenize,
    processTerm: (term) => searchTerm(term, language) ?? null,
    searchOptions: {
      boost: { title: 3, keywords: 2 },
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  search.addAll(articles);

  const documentFrequency = new Map<string, number>();
  for (const article of articles) {
    for (const term of searchTerms(textOf(article), language)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  return {
    language,
    search,
    articles: new Map(articles.map((article) => [article.id, article])),
    topics: new Map(
      articles.map((article) => [
        article.id,
        searchTerms(`${article.title} ${article.keywords.join(' ')}`, language),
      ]),
    ),
    documentFrequency,
  };
}

/** BM25's inverse document frequency: high for rare terms, near 0 for terms in every article. */
function idf(index: LanguageIndex, term: string): number {
  const total = index.articles.size;
  const n = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (total - n + 0.5) / (n + 0.5));
}

function bestIn(index: LanguageIndex, question: string): ArticleMatch | undefined {
  const terms = searchTerms(question, index.language);
  if (terms.length === 0) return undefined;
  const weights = new Map(terms.map((term) => [term, idf(index, term)]));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);

  let best: ArticleMatch | undefined;
  for (const result of index.search.search(question).slice(0, CANDIDATES)) {
    const article = index.articles.get(String(result.id));
    if (!article) continue;
    const matched = terms.filter((term) => result.queryTerms.includes(term));
    const topics = index.topics.get(article.id) ?? [];
    const credit = (term: string) =>
      topics.some((topic) => topic.startsWith(term) || term.startsWith(topic))
        ? 1
        : BODY_ONLY_CREDIT;
    const covered = matched.reduce((sum, term) => sum + (weights.get(term) ?? 0) * credit(term), 0);
    const coverage = total > 0 ? covered / total : 0;
    const confidence = coverage * Math.min(1, matched.length / MIN_MATCHED_TERMS);
    if (!best || confidence > best.confidence) {
      best = { article, confidence: Math.round(confidence * 100) / 100, matchedTerms: matched };
    }
  }
  return best;
}

export interface ArticleMatcher {
  /** The best article in any language, or `undefined` when nothing shares a term. */
  match(question: string): ArticleMatch | undefined;
}

/** Indexes `articles` (all languages) once; matching a question is then a few milliseconds. */
export function createArticleMatcher(articles: KnowledgeArticle[]): ArticleMatcher {
  const languages = [...new Set(articles.map((article) => article.language))];
  const indexes = languages.map((language) =>
    buildIndex(
      language,
      articles.filter((article) => article.language === language),
    ),
  );
  return {
    match(question) {
      let best: ArticleMatch | undefined;
      for (const index of indexes) {
        const found = bestIn(index, question);
        if (found && (!best || found.confidence > best.confidence)) best = found;
      }
      return best;
    },
  };
}
