/**
 * Template slots a language model filled in, or did not: an unfilled one ("{email}", "", "N/A")
 * means the value is missing.
 */

/** Words a model writes where it had nothing to fill in. Compared in lower case. */
const EMPTY_WORDS = new Set([
  'null',
  'undefined',
  'none',
  'nil',
  'n/a',
  'n.a.',
  'unknown',
  'not provided',
  'not mentioned',
  'not specified',
  'not available',
  'keine',
  'kein',
  'keine angabe',
  'keine angaben',
  'k.a.',
  'k. a.',
  'unbekannt',
  'nicht angegeben',
  'nicht genannt',
  '-',
  '--',
  '?',
]);

/**
 * What a model writes in a list slot to say "there are none" ("competitors: no"). Only for lists:
 * as a single answer, "no" can mean something.
 */
const NO_ITEM_WORDS = new Set([
  'no',
  'nein',
  'false',
  '0',
  'nothing',
  'nichts',
  'keiner',
  'none mentioned',
  'none named',
  'no competitor',
  'no competitors',
  'no competition',
  'no pain points',
  'keine wettbewerber',
  'kein wettbewerber',
  'keine konkurrenz',
  'keine schmerzpunkte',
]);

/** True for a list item that says the list is empty. */
export function saysNone(item: string): boolean {
  return NO_ITEM_WORDS.has(
    item
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, ''),
  );
}

/** Control characters and invisible marks that no caller meant to send. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;

// A template slot the model left as it was: {email}, {{ phone }}, ${name}, %company%, [Full Name]
// or <email>. The last two only hold name-like words, so "<max@example.com>" is not one.
const PLACEHOLDER =
  /^(?:\{+\s*[\p{L}\p{N}_.\- ]*\}+|\$\{[^}]*\}|%[\p{L}\p{N}_]+%|\[\s*\p{L}[\p{L}\p{N}_ -]*\]|<\s*\p{L}[\p{L}\p{N}_-]*\s*>)$/u;

/** Marks a value that is present but is not text (an object or a list). */
export const NOT_TEXT = Symbol('not text');

/** True when the value says nothing: absent, null, blank, a placeholder or an empty word. */
export function isUnfilled(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  const text = value.replace(INVISIBLE, '').trim();
  return text === '' || PLACEHOLDER.test(text) || EMPTY_WORDS.has(text.toLowerCase());
}

/** The trimmed text of a filled-in value; numbers and booleans are taken as their text. */
export function readText(value: unknown): string | undefined | typeof NOT_TEXT {
  if (isUnfilled(value)) return undefined;
  if (typeof value === 'string') return value.replace(INVISIBLE, '').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return NOT_TEXT;
}
