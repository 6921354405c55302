/**
 * Personal data out of what is logged: e-mail addresses, phone numbers, card numbers and IBANs
 * wherever they appear in text, every value under a key that names a person's data, and the
 * names (and other values) of the callers this process has seen, wherever they turn up.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** An IBAN: country, check digits, 11 to 30 letters or digits, in groups or not. */
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
/** 13 to 19 digits with optional spaces or dashes: a card number when the Luhn check passes. */
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
/**
 * International (`+49 30 1234567`, `0049…`) or national with a leading 0 (`030 1234567`).
 * Dates, times, ids and plain counts do not start that way, so they are left alone.
 */
const PHONE = /(?<![\w+])(?:(?:\+|00)[1-9]|0[1-9])[\d ()./-]{5,}\d(?![\w])/g;

/** Keys whose string values are a person's data, whatever they contain. */
const PERSONAL_KEYS =
  /^(?:(?:customer|contact|caller|full|first|last|display)_?name|name|firstname|lastname|(?:customer_?|contact_?)?e_?mail(?:_?key)?|(?:customer_?|contact_?)?phone(?:_?number)?|mobile|address|street|iban|card(?:_?number)?)$/i;

// A function serves one call at a time; the newest few callers are the ones its lines can name.
const KNOWN_KEPT = 200;
const known = new Set<string>();

/**
 * Remembers values (a caller's name, e-mail, phone) to be redacted wherever they appear later,
 * also in free text. The newest ones are kept; redaction errs on the side of too much.
 */
export function rememberPersonalData(values: Array<string | undefined>): void {
  for (const value of values) {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.length < 3) continue;
    known.delete(trimmed);
    known.add(trimmed);
    for (const part of trimmed.split(/\s+/))
      if (part.length >= 3 && part !== trimmed) known.add(part);
  }
  while (known.size > KNOWN_KEPT) known.delete(known.values().next().value as string);
  knownPattern = undefined;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function ibanChecks(iban: string): boolean {
  const compact = iban.replace(/ /g, '');
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of the remembered values, built again only after they changed. */
let knownPattern: RegExp | undefined;
function knownValues(): RegExp | undefined {
  if (known.size === 0) return undefined;
  knownPattern ??= new RegExp(
    `(?<![\\p{L}\\d])(?:${[...known]
      .sort((a, b) => b.length - a.length)
      .map(literally)
      .join('|')})(?![\\p{L}\\d])`,
    'giu',
  );
  return knownPattern;
}

export function redactText(text: string): string {
  const redacted = text
    .replace(EMAIL, '[email]')
    .replace(IBAN, (match) => (ibanChecks(match) ? '[iban]' : match))
    .replace(CARD, (match) => (luhn(match.replace(/\D/g, '')) ? '[card]' : match))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 ? '[phone]' : match;
    });
  const pattern = knownValues();
  return pattern ? redacted.replace(pattern, '[redacted]') : redacted;
}

/** A deep copy with every string redacted, and values under personal keys replaced whole. */
export function redactValue(value: unknown, key?: string, depth = 0): unknown {
  if (typeof value === 'string') {
    return key !== undefined && PERSONAL_KEYS.test(key) ? '[redacted]' : redactText(value);
  }
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key, depth + 1));
  if (value instanceof Error) {
    return redactValue(
      { name: value.name, message: value.message, stack: value.stack },
      key,
      depth,
    );
  }
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, redactValue(item, name, depth + 1)]),
  );
}
