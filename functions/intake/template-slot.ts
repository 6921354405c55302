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
  const text = value.trim();
  return text === '' || PLACEHOLDER.test(text) || EMPTY_WORDS.has(text.toLowerCase());
}

/** The trimmed text of a filled-in value; numbers and booleans are taken as their text. */
export function readText(value: unknown): string | undefined | typeof NOT_TEXT {
  if (isUnfilled(value)) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return NOT_TEXT;
}
