/**
 * Zod schemas for single fields of a body that a language model filled in from a template. They
 * read what the model meant where that is unambiguous, and otherwise raise one issue per field
 * whose message is the problem and whose `params.allowed` says what would have been accepted.
 * Issues never carry the submitted value, as it is often personal data.
 */

import { z } from 'zod';
import { isUnfilled, NOT_TEXT, readText, saysNone } from './template-slot';

export type Allowed = string | readonly string[];

/** Raises the field's one issue; the value itself is deliberately left out of it. */
export function rejectField(ctx: z.RefinementCtx, problem: string, allowed?: Allowed): void {
  const params =
    allowed === undefined ? {} : { allowed: typeof allowed === 'string' ? allowed : [...allowed] };
  ctx.addIssue({ code: 'custom', message: problem, params });
}

/**
 * Any value, or none. The fields read every value themselves, absent ones included; without the
 * key marked optional Zod would refuse an absent key before they see it.
 */
export function fieldValue() {
  return z.unknown().optional();
}

/** Free text, trimmed, at most `max` characters; undefined when not filled in. */
export function optionalText(max: number) {
  return fieldValue().transform((value, ctx) => readCappedText(value, ctx, max, false));
}

/** Free text, trimmed, at most `max` characters, that must be filled in. */
export function requiredText(max: number) {
  return fieldValue().transform((value, ctx) => readCappedText(value, ctx, max, true) ?? z.NEVER);
}

function readCappedText(
  value: unknown,
  ctx: z.RefinementCtx,
  max: number,
  required: boolean,
): string | undefined {
  const allowed = `text of up to ${max} characters`;
  const text = readText(value);
  if (text === undefined) {
    if (required) rejectField(ctx, 'is required', allowed);
    return undefined;
  }
  if (text === NOT_TEXT) {
    rejectField(ctx, 'must be text', allowed);
    return undefined;
  }
  if ([...text].length > max) {
    rejectField(ctx, `is longer than ${max} characters`, allowed);
    return undefined;
  }
  return text;
}

/**
 * One of `values`, in any case and spacing ("Sales", " HIGH ", "Customer_Success"), or one of
 * the synonyms, keyed in lower case with single spaces; undefined when not filled in.
 */
export function optionalChoice<const T extends string>(
  values: readonly T[],
  synonyms: Readonly<Record<string, T>> = {},
) {
  return fieldValue().transform((value, ctx) => readChoice(value, ctx, values, synonyms, false));
}

/** As `optionalChoice`, but the value must be filled in. */
export function requiredChoice<const T extends string>(
  values: readonly T[],
  synonyms: Readonly<Record<string, T>> = {},
) {
  return fieldValue().transform(
    (value, ctx) => readChoice(value, ctx, values, synonyms, true) ?? z.NEVER,
  );
}

function readChoice<T extends string>(
  value: unknown,
  ctx: z.RefinementCtx,
  values: readonly T[],
  synonyms: Readonly<Record<string, T>>,
  required: boolean,
): T | undefined {
  const text = readText(value);
  if (text === undefined) {
    if (required) rejectField(ctx, 'is required', values);
    return undefined;
  }
  const key = text === NOT_TEXT ? '' : choiceKey(text);
  const chosen = values.find((candidate) => candidate === key) ?? synonyms[key];
  if (chosen === undefined) rejectField(ctx, 'must be one of the listed values', values);
  return chosen;
}

/** Lower case, with spaces, underscores and hyphens as single spaces. */
function choiceKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'ja', 'j', '1', 'wahr']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'nein', '0', 'falsch']);

/** A yes-or-no, also as "yes"/"no", "ja"/"nein" or 1/0; undefined when not filled in. */
export function flagField() {
  return fieldValue().transform((value, ctx): boolean | undefined => {
    if (typeof value === 'boolean') return value;
    const text = readText(value);
    if (text === undefined) return undefined;
    const word = text === NOT_TEXT ? '' : text.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    rejectField(ctx, 'must be true or false', 'true or false (also yes/no, ja/nein)');
    return undefined;
  });
}

/**
 * A list of short texts, also sent as one string: a JSON array, or items separated by commas,
 * semicolons or new lines. Items are trimmed; empty and unfilled items and repeats are dropped.
 */
export function listField(options: { maxItems: number; maxItemLength: number }) {
  const allowed = `a list of up to ${options.maxItems} texts of up to ${options.maxItemLength} characters each`;
  return fieldValue().transform((value, ctx): string[] => {
    const items = listItems(value);
    if (items === NOT_TEXT) {
      rejectField(ctx, 'must be a list of texts', allowed);
      return [];
    }
    const texts = items.map(readText);
    if (texts.includes(NOT_TEXT)) {
      rejectField(ctx, 'must be a list of texts', allowed);
      return [];
    }
    const strings = distinct(
      texts.filter((item): item is string => typeof item === 'string' && !saysNone(item)),
    );
    if (strings.length > options.maxItems) {
      rejectField(ctx, `has more than ${options.maxItems} items`, allowed);
    } else if (strings.some((item) => item.length > options.maxItemLength)) {
      rejectField(ctx, `has an item longer than ${options.maxItemLength} characters`, allowed);
    }
    return strings;
  });
}

function listItems(value: unknown): unknown[] | typeof NOT_TEXT {
  if (Array.isArray(value)) return value;
  const text = readText(value);
  if (text === undefined) return [];
  if (text === NOT_TEXT) return NOT_TEXT;

  if (text.startsWith('[') && text.endsWith(']')) {
    const parsed = parseJson(text);
    if (Array.isArray(parsed)) return parsed;
  }
  // Bullets and numbering are how a model writes a list in prose; they are not part of items.
  return text.split(/[,;\n]/).map((item) => item.trim().replace(/^(?:[-•*·]|\d+[.)])\s+/, ''));
}

/** Keeps the first spelling of items that differ only in case. */
function distinct(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * An object holding more fields. A model sometimes sends a nested object as a JSON string, which
 * is read as the object; a missing section is empty, so its required fields are reported one by
 * one.
 */
export function sectionField<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.preprocess((value, ctx) => {
    const section = readSection(value);
    if (section === undefined) rejectField(ctx, 'must be an object', 'an object with its fields');
    return section ?? {};
  }, z.looseObject(shape));
}

/** The value as a plain object, an empty one when unfilled; undefined when it cannot be one. */
export function readSection(value: unknown): Record<string, unknown> | undefined {
  if (isUnfilled(value)) return {};
  const candidate = typeof value === 'string' ? parseJson(value.trim()) : value;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate))
    return undefined;
  return candidate as Record<string, unknown>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
