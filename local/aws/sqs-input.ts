/** Reading an SQS request's JSON members, with SQS's errors for what is missing or out of range. */

import { missingParameter, outOfRange } from './sqs-errors';

export type SqsInput = Record<string, unknown>;

export function asInput(body: unknown): SqsInput {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as SqsInput)
    : {};
}

/** A member SQS requires: absent, empty or not text is MissingParameter, as SQS answers. */
export function requiredString(input: SqsInput, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw missingParameter(name);
  return value;
}

/** A whole number within `min` and `max`, or `undefined` when absent. */
export function optionalInteger(
  input: SqsInput,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw outOfRange(name, value, `Must be between ${min} and ${max}, if provided.`);
  }
  return number;
}

export function requiredInteger(input: SqsInput, name: string, min: number, max: number): number {
  const value = optionalInteger(input, name, min, max);
  if (value === undefined) throw missingParameter(name);
  return value;
}

/** A list of names; anything that is not a list of text counts as none. */
export function stringList(input: SqsInput, name: string): string[] {
  const value = input[name];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
