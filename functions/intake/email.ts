/** E-mail addresses as the agent sends them: checked, tidied, and keyed for duplicate matching. */

import { domainToASCII } from 'node:url';

export interface NormalisedEmail {
  /** The address with its domain lower-cased; the local part keeps its case. */
  email: string;
  /** The same mailbox written one way only, for matching duplicates. */
  emailKey: string;
}

// RFC 5321 limits: a path holds at most 256 octets including the angle brackets, a local part 64.
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

// The dot-atom of RFC 5322 plus non-ASCII letters (RFC 6531); quoted local parts are legal but
// only ever show up in spam and tests, so they are refused.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;

const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// Both are Gmail: the mailbox ignores dots in the local part, and the two domains are one.
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * Checks and tidies an address; undefined when it is not a practical e-mail address.
 *
 * @example normaliseEmail(' mailto:Max.Muster+crm@GoogleMail.com ')
 * // { email: 'Max.Muster+crm@googlemail.com', emailKey: 'maxmuster@gmail.com' }
 */
export function normaliseEmail(raw: string): NormalisedEmail | undefined {
  const address = unwrap(raw);
  if (address.length > MAX_ADDRESS_LENGTH) return undefined;

  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return undefined;
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();

  if (localPart.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(localPart)) return undefined;
  const asciiDomain = toAsciiDomain(domain);
  if (asciiDomain === undefined) return undefined;

  return { email: `${localPart}@${domain}`, emailKey: mailboxKey(localPart, asciiDomain) };
}

/** Strips what surrounds an address when it is copied from a link or a mail header. */
function unwrap(raw: string): string {
  let address = raw.trim();
  for (;;) {
    const before = address;
    address = address.replace(/^mailto:/i, '').trim();
    address = address.replace(/^<(.*)>$/s, '$1').trim();
    address = address.replace(/^(["'`])(.*)\1$/s, '$2').trim();
    if (address === before) return address;
  }
}

/** The punycode form of a lower-cased domain, or undefined when it is not a public host name. */
function toAsciiDomain(domain: string): string | undefined {
  // An IP literal or a single-label host is legal in theory but never a customer's address.
  if (domain.startsWith('[') || !domain.includes('.') || domain.endsWith('.')) return undefined;

  // domainToASCII applies IDNA (so "müller.de" becomes "xn--mller-kva.de") and answers '' when
  // the name cannot be a host; it is lenient about some ASCII, so the labels are checked again.
  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii.length > 253) return undefined;

  const labels = ascii.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  const valid =
    labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL_DOMAIN.test(topLevel);
  return valid ? ascii : undefined;
}

/** One spelling per mailbox: lower case, no +tag, and Gmail's dot-blindness applied. */
function mailboxKey(localPart: string, asciiDomain: string): string {
  let mailbox = localPart.toLowerCase();
  const plus = mailbox.indexOf('+');
  if (plus > 0) mailbox = mailbox.slice(0, plus);

  if (GMAIL_DOMAINS.has(asciiDomain)) return `${mailbox.replaceAll('.', '')}@gmail.com`;
  return `${mailbox}@${asciiDomain}`;
}
