import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../functions/intake/money';

// [budget text as an agent sends it, min, max, currency]
const AMOUNTS: [string, number, number, string | undefined][] = [
  ['120k', 120_000, 120_000, undefined],
  ['1e6', 1_000_000, 1_000_000, undefined],
  ['2.5E5', 250_000, 250_000, undefined],
  ['120K €', 120_000, 120_000, 'EUR'],
  ['$120,000', 120_000, 120_000, 'USD'],
  ['120.000 €', 120_000, 120_000, 'EUR'],
  ['120.000,50 EUR', 120_000.5, 120_000.5, 'EUR'],
  ['120.000,- €', 120_000, 120_000, 'EUR'],
  ['1,234,567.89 USD', 1_234_567.89, 1_234_567.89, 'USD'],
  ['1.234.567,89', 1_234_567.89, 1_234_567.89, undefined],
  ['1 234 567', 1_234_567, 1_234_567, undefined],
  ['1\u202f234\u202f567 €', 1_234_567, 1_234_567, 'EUR'],
  ['1\u00a0234\u00a0567 EUR', 1_234_567, 1_234_567, 'EUR'],
  ["1'234'567 CHF", 1_234_567, 1_234_567, 'CHF'],
  ['2 Mio', 2_000_000, 2_000_000, undefined],
  ['2,5 Mio. Euro', 2_500_000, 2_500_000, 'EUR'],
  ['1.5M', 1_500_000, 1_500_000, undefined],
  ['$1.1M', 1_100_000, 1_100_000, 'USD'],
  ['1.5 million dollars', 1_500_000, 1_500_000, 'USD'],
  ['zwei Millionen', 2_000_000, 2_000_000, undefined],
  ['half a million euros', 500_000, 500_000, 'EUR'],
  ['eine halbe Million Franken', 500_000, 500_000, 'CHF'],
  ['500 Tsd.', 500_000, 500_000, undefined],
  ['50 TEUR', 50_000, 50_000, 'EUR'],
  ['50T€', 50_000, 50_000, 'EUR'],
  ['EUR50k', 50_000, 50_000, 'EUR'],
  ['80-120k', 80_000, 120_000, undefined],
  ['80k–120k', 80_000, 120_000, undefined],
  ['80 bis 120 Tausend Euro', 80_000, 120_000, 'EUR'],
  ['1,5-2 Mio', 1_500_000, 2_000_000, undefined],
  ['80.000 - 1,2 Mio. €', 80_000, 1_200_000, 'EUR'],
  ['zwischen 80.000 und 100.000 Euro', 80_000, 100_000, 'EUR'],
  ['between 50k and 75k', 50_000, 75_000, undefined],
  ['from $50k to $80k', 50_000, 80_000, 'USD'],
  ['80 000 – 100 000 €', 80_000, 100_000, 'EUR'],
  ['up to 200k', 0, 200_000, undefined],
  ['bis zu 200.000 €', 0, 200_000, 'EUR'],
  ['max. 50k', 0, 50_000, undefined],
  ['about 100k', 100_000, 100_000, undefined],
  ['ca. 100.000', 100_000, 100_000, undefined],
  ['mindestens 75k', 75_000, 75_000, undefined],
  ['£50k', 50_000, 50_000, 'GBP'],
  ['40.000 Pfund', 40_000, 40_000, 'GBP'],
  ['Fr. 25 000', 25_000, 25_000, 'CHF'],
  ['1.500', 1_500, 1_500, undefined],
  ['1,500', 1_500, 1_500, undefined],
  ['1,5', 1.5, 1.5, undefined],
  ['1.5', 1.5, 1.5, undefined],
  ['0.500', 0.5, 0.5, undefined],
  ['1,2345 Mio', 1_234_500, 1_234_500, undefined],
  ['Budget ca. 50.000 bis 60.000 €, Freigabe im Q3', 50_000, 60_000, 'EUR'],
  ['100k by 2025', 100_000, 100_000, undefined],
  ['20k for 50 users, 10% discount expected', 20_000, 20_000, undefined],
  ['50k now, 100k next year', 50_000, 100_000, undefined],
  ['around 2 billion', 2_000_000_000, 2_000_000_000, undefined],
];

describe('parseMoney', () => {
  it.each(AMOUNTS)('reads %j as %d to %d %s', (raw, min, max, currency) => {
    const money = parseMoney(raw);

    expect(money).toEqual({ raw, min, max, ...(currency === undefined ? {} : { currency }) });
  });

  it.each([
    '',
    '€',
    'EUR',
    'USD',
    'k',
    'keine Angabe',
    'no budget yet',
    'TBD',
    '10%',
    'noch offen, hängt vom Angebot ab',
    '-50k',
    '€ -50.000',
  ])('finds no amount in %j', (raw) => {
    expect(parseMoney(raw)).toBeUndefined();
  });

  it('keeps the text as sent, trimmed', () => {
    expect(parseMoney('  120k €  ')?.raw).toBe('120k €');
  });

  it('names no currency when the text names two different ones', () => {
    const money = parseMoney('100k USD or 90k EUR');

    expect(money).toEqual({ raw: '100k USD or 90k EUR', min: 90_000, max: 100_000 });
  });

  it('names no currency for a dollar other than the US one', () => {
    expect(parseMoney('C$ 5000')?.currency).toBeUndefined();
  });

  it('does not scale a range start that is already larger than the end figure', () => {
    expect(parseMoney('800-1.2M')).toMatchObject({ min: 800, max: 1_200_000 });
  });
});
