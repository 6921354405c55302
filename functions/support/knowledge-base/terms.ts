/**
 * Text to search terms, per language: lower case, stop words out, Snowball stems, accents off.
 * German and English questions then meet the articles' words whatever their inflection
 * ("Rechnungen" finds "Rechnung", "forwarding" finds "forward", "Gebühren" finds "Gebuhren").
 */
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as germanStopwords } from '@orama/stopwords/german';
import type { Language } from '../../core/call';

/** Words of how a call is summarised rather than of what it is about. */
const CONVERSATION_WORDS: Record<Language, string[]> = {
  en: [
    'customer',
    'caller',
    'asked',
    'asks',
    'ask',
    'asking',
    'wants',
    'want',
    'wanted',
    'would',
    'like',
    'know',
    'please',
    'help',
    'question',
    'questions',
    'need',
    'needs',
    'can',
    'could',
    'way',
    'tell',
  ],
  de: [
    'kunde',
    'kundin',
    'fragt',
    'gefragt',
    'frage',
    'fragen',
    'möchte',
    'möchten',
    'will',
    'wissen',
    'bitte',
    'hilfe',
    'brauche',
    'braucht',
    'kann',
    'können',
    'geht',
    'gerne',
  ],
};

const STEMMERS: Record<Language, (word: string) => string> = {
  en: englishStemmer,
  de: germanStemmer,
};

const stopwords = {
  en: new Set(englishStopwords),
  de: new Set(germanStopwords),
};

/** Compared after stemming, so that "customers" and "asking" go as well as "customer". */
const conversationStems = {
  en: new Set(CONVERSATION_WORDS.en.map((word) => englishStemmer(word))),
  de: new Set(CONVERSATION_WORDS.de.map((word) => germanStemmer(word))),
};

/** Letters and digits in runs; hyphens and punctuation split ("USt-IdNr" is "ust", "idnr"). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The search term for one token, or `undefined` for a stop word or a lone letter. */
export function searchTerm(token: string, language: Language): string | undefined {
  const word = token.toLowerCase().replace(/ß/g, 'ss');
  if (stopwords[language].has(word) || stopwords[language].has(token.toLowerCase())) {
    return undefined;
  }
  if (word.length < 2) return undefined;
  const stem = /^\d+$/.test(word) ? word : STEMMERS[language](word);
  if (conversationStems[language].has(stem)) return undefined;
  return stem.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The distinct search terms of a text, in order of appearance. */
export function searchTerms(text: string, language: Language): string[] {
  const terms = tokenize(text).flatMap((token) => searchTerm(token, language) ?? []);
  return [...new Set(terms)];
}
