/**
 * The kinds of value a deployment setting can be, each with the message that says what it
 * accepts. Context values arrive as JSON from cdk.json or as text from `cdk synth -c key=value`,
 * so numbers, flags and lists are read from either.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** `-c key=` on the command line means "not set", like leaving the key out. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Deployed services are reached over HTTPS only. */
export const httpsUrl = z.url({ protocol: /^https$/, error: 'an https URL' });

export const email = z.email({ error: 'an e-mail address' });

export const hours = z.coerce.number().positive({ error: 'a number of hours above 0' });

/** `true`/`false` in cdk.json, or `-c key=true` on the command line. */
export const flag = z.union([z.boolean(), z.stringbool()], { error: 'true or false' });

/** An array in cdk.json, or `-c key=a,b` on the command line. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );

function isAddressRange(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** Addresses or CIDR ranges the webhook accepts calls from. */
export const addressRanges = listOf(
  z.string().refine(isAddressRange, 'an IPv4 or IPv6 address or CIDR range such as 203.0.113.0/24'),
).refine((ranges) => ranges.length > 0, 'at least one address or range (leave it out for none)');

/**
 * A Secrets Manager secret name. A name ending in a hyphen and six characters would read like
 * the random suffix of a secret's ARN, which IAM grants match on.
 */
export const secretName = z
  .string()
  .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a secret name of letters, digits and /_+=.@-')
  .refine(
    (name) => !/-[A-Za-z0-9]{6}$/.test(name),
    'a secret name without the six-character suffix Secrets Manager adds to ARNs (-Ab12Cd)',
  );
