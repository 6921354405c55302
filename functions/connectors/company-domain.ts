/** Derives a company's web domain from a business e-mail address; free-mail gives none. */

/** Free-mail providers whose domain says nothing about the caller's employer. */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'gmx.com',
  'web.de',
  'outlook.com',
  'outlook.de',
  't-online.de',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.de',
  'msn.com',
  'ymail.com',
  'freenet.de',
  'arcor.de',
  'posteo.de',
  'posteo.net',
  'mailbox.org',
  'mail.de',
  'online.de',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'mail.com',
  'mail.ru',
]);

/** Brands that run the same free-mail service under many country domains (yahoo.co.uk, …). */
const FREE_MAIL_BRANDS = new Set(['yahoo', 'hotmail', 'live', 'outlook', 'gmx', 'yandex']);

/**
 * `anna@sales.acme-industries.example` gives `sales.acme-industries.example`; free-mail and
 * malformed addresses give `undefined`. Sub-domains are kept: telling a registrable domain from a
 * sub-domain needs the public-suffix list, and enrichment providers resolve sub-domains anyway.
 */
export function companyDomainFromEmail(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 1) return undefined;

  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return undefined;
  if (FREE_MAIL_DOMAINS.has(domain)) return undefined;

  const [brand, ...rest] = domain.split('.');
  const countrySuffix =
    rest.length === 1 || (rest.length === 2 && /^(co|com)$/.test(rest[0] ?? ''));
  if (brand && FREE_MAIL_BRANDS.has(brand) && countrySuffix) return undefined;
  return domain;
}
