import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../functions/intake/email';

describe('normaliseEmail', () => {
  it.each([
    ['max@example.com', 'max@example.com', 'max@example.com'],
    ['  Max.Mustermann@Example.DE ', 'Max.Mustermann@example.de', 'max.mustermann@example.de'],
    ['mailto:jana@nordlicht.de', 'jana@nordlicht.de', 'jana@nordlicht.de'],
    ['<jana@nordlicht.de>', 'jana@nordlicht.de', 'jana@nordlicht.de'],
    ['"jana@nordlicht.de"', 'jana@nordlicht.de', 'jana@nordlicht.de'],
    ["'<mailto:jana@nordlicht.de>'", 'jana@nordlicht.de', 'jana@nordlicht.de'],
    ['jana+crm@nordlicht.de', 'jana+crm@nordlicht.de', 'jana@nordlicht.de'],
    ['Max.Muster+news@GMail.com', 'Max.Muster+news@gmail.com', 'maxmuster@gmail.com'],
    ['m.a.x@googlemail.com', 'm.a.x@googlemail.com', 'max@gmail.com'],
    ["o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie"],
    ['info@müller-bau.de', 'info@müller-bau.de', 'info@xn--mller-bau-q9a.de'],
    ['info@MÜLLER-BAU.de', 'info@müller-bau.de', 'info@xn--mller-bau-q9a.de'],
    ['info@xn--mller-bau-q9a.de', 'info@xn--mller-bau-q9a.de', 'info@xn--mller-bau-q9a.de'],
    ['jürgen@example.de', 'jürgen@example.de', 'jürgen@example.de'],
    ['a@sub.domain.example.co.uk', 'a@sub.domain.example.co.uk', 'a@sub.domain.example.co.uk'],
  ])('reads %j as %s, keyed %s', (raw, email, emailKey) => {
    expect(normaliseEmail(raw)).toEqual({ email, emailKey });
  });

  it('keeps dots in the key for mailboxes other than Gmail', () => {
    expect(normaliseEmail('max.muster@example.com')?.emailKey).toBe('max.muster@example.com');
  });

  it.each([
    '',
    'max',
    'max@',
    '@example.com',
    'max@example',
    'max@@example.com',
    'max@exa mple.com',
    'max at example dot com',
    'max(at)example.com',
    'max@example.com.',
    '.max@example.com',
    'max.@example.com',
    'ma..x@example.com',
    'max@-example.com',
    'max@example-.com',
    'max@exa_mple.com',
    'max@example.c',
    'max@[192.168.0.1]',
    'Max Muster <max@example.com>',
    'max@example.com, eva@example.com',
    `${'a'.repeat(65)}@example.com`,
    `max@${'a'.repeat(250)}.com`,
  ])('refuses %j', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});
