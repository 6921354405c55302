/** Phone numbers as the agent sends them, turned into E.164. */

// The "min" metadata (about 80 kB against 145 kB for "max") checks each country's number lengths
// and leading digits. That rejects what a mis-heard number usually is (too short, too long, an
// impossible prefix) and keeps the Lambda bundle small; "max" would add per-type digit patterns,
// which only matter to someone who needs to tell mobile from fixed line.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

const TEL_URI_PREFIX = /^tel:/i;

/**
 * The number in E.164, or undefined when it is not a valid phone number. National numbers are
 * read in `defaultRegion`; an extension ("ext. 12") is accepted but not kept, as E.164 has none.
 *
 * @example normalisePhone('+49 (0)30 1234567', 'DE') // '+49301234567'
 * @example normalisePhone('(415) 555-0100', 'US') // '+14155550100'
 */
export function normalisePhone(raw: string, defaultRegion: CountryCode): string | undefined {
  const text = raw.trim().replace(TEL_URI_PREFIX, '').trim();
  if (text === '') return undefined;

  // extract: false demands that the whole text is a number, so "call me on 030 ..." or a number
  // with words glued to it is refused rather than guessed at.
  const number = parsePhoneNumberFromString(text, {
    defaultCountry: defaultRegion,
    extract: false,
  });
  if (number === undefined || !number.isValid()) return undefined;
  return number.number;
}
