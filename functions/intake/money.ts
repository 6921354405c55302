/**
 * Budgets as free text in English or German notation ("120.000 €", "80-120k", "2,5 Mio. Euro"),
 * read into a range of money.
 *
 * How figures are read:
 * - One separator kind, used once and followed by exactly three digits, groups thousands:
 *   "1.500" and "1,500" are 1500. Followed by other than three digits it is the decimal mark:
 *   "1,5" and "1.5" are 1.5, as is "0.500" (no one groups thousands after a leading zero).
 * - The same separator used more than once groups thousands ("1.234.567", "1,234,567").
 * - Both "." and "," in one figure: the last one is the decimal mark ("1.234,56", "1,234.56").
 * - Spaces (also no-break and narrow no-break) and apostrophes group thousands ("1'234'567").
 * - A magnitude after a figure scales it: k, Tsd., Tausend, thousand, M, Mio., million(s),
 *   Millionen, mn, mm, Mrd., Milliarde(n), billion, bn, and "TEUR"/"T€"/"k€" for thousands of
 *   euros. "billion" is the English 10^9; the German "Billion" (10^12) is no budget anyone names.
 *   In a range, a bare start takes the end's magnitude when it is smaller than the end's figure:
 *   "80-120k" is 80k-120k, "1,5-2 Mio" is 1.5-2 million, but "80.000-1,2 Mio" stays as written.
 * - A range is two figures joined by "-", "to" or "bis", or "between/zwischen ... and/und ...".
 *   Several amounts that are not a range ("50k now, 100k next year") span from the least to the
 *   most.
 * - Figures that carry no magnitude and no currency are dropped when another one does, so years
 *   and head counts ("100k by 2025", "20k for 50 users") do not widen the range. Percentages are
 *   never amounts.
 * - A single amount after "up to", "bis zu", "max.", "under", "unter" ... is the range 0 to that
 *   amount: nothing says the caller would spend more than nothing. "about", "ca.", "at least",
 *   "ab" leave the figure as it is: the min and max are that figure.
 * - Currency: €, EUR, Euro, $, US$, USD, Dollar, £, GBP, Pfund, pound, CHF, Fr., SFr., Franken.
 *   "$" is read as USD; other dollars ("C$") give no currency, as do two different currencies.
 */

import type { Money } from '../core/call';

interface Figure {
  /** Value in major units after magnitude. */
  value: number;
  /** The figure as written, before its magnitude, to compare range ends. */
  written: number;
  magnitude: number | undefined;
  start: number;
  end: number;
  marked: boolean;
}

const MAGNITUDES: Record<string, number> = {
  thousand: 1e3,
  tausend: 1e3,
  tsd: 1e3,
  k: 1e3,
  // Only ever glued to a currency ("50 TEUR", "50T€"): on its own "t" is as likely tonnes.
  t: 1e3,
  millions: 1e6,
  millionen: 1e6,
  million: 1e6,
  mio: 1e6,
  mn: 1e6,
  mm: 1e6,
  m: 1e6,
  milliarden: 1e9,
  milliarde: 1e9,
  mrd: 1e9,
  billions: 1e9,
  billion: 1e9,
  bn: 1e9,
};

const MAGNITUDE_WORDS = Object.keys(MAGNITUDES)
  .filter((word) => word !== 't')
  .sort((a, b) => b.length - a.length);
const MAGNITUDE = new RegExp(`^\\s*(${MAGNITUDE_WORDS.join('|')})\\.?(?![\\p{L}])`, 'u');
// "50 TEUR", "50T€", "5 MEUR": the magnitude letter is glued to the currency.
const MAGNITUDE_BEFORE_CURRENCY = /^\s*([tkm])(?=eur(?![\p{L}])|€)/u;
const PERCENT = /^\s*(?:%|prozent|percent|pct)/u;

const CURRENCIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/€|(?<![\p{L}])(?:[tkm]?eur|euros?)(?![\p{L}])/gu, 'EUR'],
  [/(?<![\p{L}])(?:us)?\$|(?<![\p{L}])(?:usd|(?:us-?)?dollars?)(?![\p{L}])/gu, 'USD'],
  [/£|(?<![\p{L}])(?:gbp|pounds?(?: sterling)?|pfund)(?![\p{L}])/gu, 'GBP'],
  [/(?<![\p{L}])(?:chf|s?fr\.|franken|swiss francs?)(?![\p{L}])/gu, 'CHF'],
];

// Spoken amounts: "zwei Millionen", "half a million", "eine halbe Million".
const NUMBER_WORDS = new Map(
  Object.entries({
    '0.5': ['half a', 'eine halbe'],
    '1': ['a', 'an', 'one', 'ein', 'eine'],
    '1.5': ['anderthalb', 'eineinhalb'],
    '2': ['two', 'zwei'],
    '3': ['three', 'drei'],
    '4': ['four', 'vier'],
    '5': ['five', 'fünf'],
    '6': ['six', 'sechs'],
    '7': ['seven', 'sieben'],
    '8': ['eight', 'acht'],
    '9': ['nine', 'neun'],
    '10': ['ten', 'zehn'],
  }).flatMap(([digits, words]) => words.map((word) => [word, digits] as const)),
);
const NUMBER_WORD = new RegExp(
  `(?<![\\p{L}])(${[...NUMBER_WORDS.keys()].join('|')})\\s+(?=(?:thousand|tausend|millionen|million|milliarden?|billion)(?![\\p{L}]))`,
  'gu',
);

// A figure: grouped thousands with an optional decimal part in the other mark, or plain digits
// with an optional decimal part. Never taken from inside a word ("Q3") or another figure.
const FIGURE =
  /(?<![\p{L}])(?<!\d[.,']?)(?:[1-9]\d{0,2}([.,' ])\d{3}(?:\1\d{3})*(?:(?!\1)[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,']?\d)/gu;

const RANGE_JOINT = /^(?:-|to|bis)$/u;
const BETWEEN_JOINT = /^(?:and|und)$/u;
const BETWEEN = /(?:between|zwischen)\s*$/u;
const UP_TO =
  /(?:up to|bis zu|bis|max(?:imal|imum)?\.?|höchstens|at most|no more than|not more than|under|below|less than|unter|weniger als|<|≤)\s*$/u;

/**
 * Reads a budget text; undefined when it holds no amount.
 *
 * @example parseMoney('80-120k €') // { raw: '80-120k €', min: 80000, max: 120000, currency: 'EUR' }
 */
/** How a model writes a big number when it thinks in floats: `1e6`, `2.5E5`. */
const SCIENTIFIC = /^\s*(\d+(?:\.\d+)?e\+?\d{1,2})\s*$/;
const NEGATIVE = /^\s*[^\d\s]{0,4}\s*-\s*\d/;

export function parseMoney(raw: string): Money | undefined {
  const text = tidy(raw);
  // A figure with a minus sign in front is no budget; a range's dash has a figure before it.
  if (NEGATIVE.test(text)) return undefined;
  const scientific = SCIENTIFIC.exec(text);
  if (scientific?.[1]) {
    const value = Number(scientific[1]);
    return Number.isFinite(value) && value > 0
      ? { raw: raw.trim(), min: value, max: value }
      : undefined;
  }
  const figures = findFigures(text);
  if (figures.length === 0) return undefined;

  const amounts = chooseAmounts(text, figures);
  const values = amounts.map((figure) => figure.value);
  let min = Math.min(...values);
  const max = Math.max(...values);
  const only = amounts.length === 1 ? amounts[0] : undefined;
  if (only !== undefined && UP_TO.test(withoutCurrencies(text.slice(0, only.start)))) min = 0;

  const currency = currencyOf(text);
  return { raw: raw.trim(), min, max, ...(currency === undefined ? {} : { currency }) };
}

/** One spelling for spaces, dashes and apostrophes; lower case; number words as digits. */
function tidy(raw: string): string {
  return raw
    .replace(/[\u00a0\u2007\u2009\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(NUMBER_WORD, (_, word: string) => `${NUMBER_WORDS.get(word) ?? word} `)
    .replace(/(?<![\p{L}])(eur|usd|gbp|chf)(?=\d)/gu, '$1 ');
}

function findFigures(text: string): Figure[] {
  const currencySpans = findCurrencySpans(text);
  const figures: Figure[] = [];

  for (const match of text.matchAll(FIGURE)) {
    const start = match.index;
    const written = readFigure(match[0], match[1]);
    let end = start + match[0].length;
    if (PERCENT.test(text.slice(end)) || !Number.isFinite(written)) continue;

    const magnitudeMatch =
      MAGNITUDE.exec(text.slice(end)) ?? MAGNITUDE_BEFORE_CURRENCY.exec(text.slice(end));
    const magnitude = magnitudeMatch ? MAGNITUDES[magnitudeMatch[1] ?? ''] : undefined;
    if (magnitudeMatch && magnitude !== undefined) end += magnitudeMatch[0].length;

    const nextToCurrency = currencySpans.some(
      (span) =>
        (span.end <= start && text.slice(span.end, start).trim() === '') ||
        (span.start >= end && text.slice(end, span.start).trim() === ''),
    );
    figures.push({
      value: cents(written * (magnitude ?? 1)),
      written,
      magnitude,
      start,
      end,
      marked: magnitude !== undefined || nextToCurrency,
    });
  }
  return figures;
}

/** The figure's number by the separator rules in the module comment. */
function readFigure(figure: string, groupMark: string | undefined): number {
  if (groupMark === undefined) return Number(figure.replace(',', '.'));
  const grouped = figure.split(groupMark).join('');
  return Number(grouped.replace(/[.,]/, '.'));
}

/** The figures that state the budget, with range starts scaled like their ends. */
function chooseAmounts(text: string, figures: Figure[]): Figure[] {
  const ranges: Figure[][] = [];
  let previous: Figure | undefined;
  for (const figure of figures) {
    const current = ranges[ranges.length - 1];
    if (previous !== undefined && current !== undefined && joins(text, previous, figure)) {
      current.push(figure);
    } else {
      ranges.push([figure]);
    }
    previous = figure;
  }

  for (const range of ranges) inheritMagnitudes(range);
  const marked = ranges.filter((range) => range.some((figure) => figure.marked));
  return (marked.length > 0 ? marked : ranges).flat();
}

function joins(text: string, first: Figure, second: Figure): boolean {
  const joint = withoutCurrencies(text.slice(first.end, second.start)).trim();
  if (RANGE_JOINT.test(joint)) return true;
  return BETWEEN_JOINT.test(joint) && BETWEEN.test(withoutCurrencies(text.slice(0, first.start)));
}

function inheritMagnitudes(range: Figure[]): void {
  for (let index = range.length - 2; index >= 0; index -= 1) {
    const start = range[index];
    const end = range[index + 1];
    if (start === undefined || end === undefined) continue;
    if (start.magnitude !== undefined || end.magnitude === undefined) continue;
    if (start.written >= end.written) continue;
    start.magnitude = end.magnitude;
    start.value = cents(start.written * end.magnitude);
    start.marked = true;
  }
}

function currencyOf(text: string): string | undefined {
  const codes = new Set(findCurrencySpans(text).map((span) => span.code));
  return codes.size === 1 ? [...codes][0] : undefined;
}

function findCurrencySpans(text: string): { start: number; end: number; code: string }[] {
  return CURRENCIES.flatMap(([pattern, code]) =>
    [...text.matchAll(pattern)].map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      code,
    })),
  );
}

function withoutCurrencies(text: string): string {
  return CURRENCIES.reduce((rest, [pattern]) => rest.replace(pattern, ' '), text);
}

/** Rounds away float noise such as 1.1 * 1e6 = 1100000.0000000002. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
