import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../functions/intake/phone';

describe('normalisePhone', () => {
  it.each([
    ['+49 (0)30 1234567', 'DE', '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    ['030 1234567', 'DE', '+49301234567'],
    ['030/123 45 67', 'DE', '+49301234567'],
    ['0171-1234567', 'DE', '+491711234567'],
    ['+49.171.123.4567', 'DE', '+491711234567'],
    ['tel:+49-30-1234567', 'DE', '+49301234567'],
    ['TEL:030 1234567', 'DE', '+49301234567'],
    ['  +49\u00a030\u00a01234567  ', 'DE', '+49301234567'],
    ['030 1234567 ext. 12', 'DE', '+49301234567'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['415.555.0100', 'US', '+14155550100'],
    ['+1 415 555 0100', 'DE', '+14155550100'],
    ['011 49 30 1234567', 'US', '+49301234567'],
    ['+44 20 7946 0958', 'DE', '+442079460958'],
    ['+41 44 668 18 00', 'DE', '+41446681800'],
    ['01 234 56 78', 'AT', '+4312345678'],
  ] as const)('reads %j in region %s as %s', (raw, region, expected) => {
    expect(normalisePhone(raw, region)).toBe(expected);
  });

  it.each([
    ['', 'DE'],
    ['hello', 'DE'],
    ['12', 'DE'],
    ['+49 1', 'DE'],
    ['+49 000 1234567', 'DE'],
    ['+49 30 12345678901234', 'DE'],
    ['1234567', 'US'],
    ['+1 555 555 5555', 'US'],
    ['Call: 030 1234567', 'DE'],
    ['+49 30 1234567 (mobile)', 'DE'],
    ['zero three zero one two three', 'DE'],
  ] as const)('refuses %j in region %s', (raw, region) => {
    expect(normalisePhone(raw, region)).toBeUndefined();
  });
});
