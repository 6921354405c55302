/**
 * Validates the agent's request body (the reference's request body template) and turns it into a
 * Call. Lenient where a language model's habit has one clear meaning, and otherwise refuses with
 * every bad field at once.
 */

import type { CountryCode } from 'libphonenumber-js/min';
import type { z } from 'zod';
import type { Call } from '../core/call';
import type { FieldError } from '../core/errors';
import { type CallBody, callBodySchemaFor, knownFieldNames } from './call-body-schema';
import { readCallTimestamp } from './call-timestamp';
import { parseMoney } from './money';
import { NOT_TEXT, readText } from './template-slot';
import { readLanguage } from './vocabulary';

export interface ParseCallOptions {
  /** From the path, `/webhook/automation/{flow_id}`. */
  flowId: string;
  /** Region for phone numbers written without a country code. */
  defaultRegion: CountryCode;
}

export type ParseCallResult = { ok: true; call: Call } | { ok: false; errors: FieldError[] };

/** The field name errors about the body as a whole carry. */
export const BODY_FIELD = '(body)';

/**
 * Validates a request body and maps it to a Call, or lists every field that is wrong.
 *
 * @example parseCall(JSON.parse(body), { flowId: 'lead', defaultRegion: 'DE' })
 */
export function parseCall(body: unknown, options: ParseCallOptions): ParseCallResult {
  const object = readBody(body);
  if (object === undefined) {
    return { ok: false, errors: [{ field: BODY_FIELD, problem: 'must be a JSON object' }] };
  }

  const parsed = callBodySchemaFor(options.defaultRegion).safeParse(object);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(toFieldError) };
  return { ok: true, call: toCall(parsed.data, options.flowId) };
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.') || BODY_FIELD;
  // Only our own issues have a vetted message; Zod's own could quote the input.
  if (issue.code !== 'custom') return { field, problem: 'is not valid' };
  const allowed: unknown = issue.params?.allowed;
  return {
    field,
    problem: issue.message,
    ...(typeof allowed === 'string' || Array.isArray(allowed) ? { allowed } : {}),
  };
}

function toCall(body: CallBody, flowId: string): Call {
  const context = body.conversation_context;
  const workflow = body.workflow_parameters;
  const custom = body.custom_data;
  const notes = unknownFieldNotes(body);

  const timestamp = readTimestamp(context.timestamp);
  if (timestamp === 'unreadable') {
    notes.push('conversation_context.timestamp could not be read as a time and was ignored');
  }
  const budget =
    custom.budget_mentioned === undefined ? undefined : parseMoney(custom.budget_mentioned);
  if (custom.budget_mentioned !== undefined && budget === undefined) {
    notes.push('custom_data.budget_mentioned holds no amount and was left out');
  }
  const language = body.language === undefined ? undefined : readLanguage(body.language);
  if (body.language !== undefined && language === undefined) {
    notes.push('language is not one the agent answers in (en, de) and was ignored');
  }

  return {
    flowId,
    triggerSource: body.trigger_source ?? 'mid_call_tool',
    contact: {
      email: context.customer_email.email,
      emailKey: context.customer_email.emailKey,
      ...entry('phone', context.customer_phone),
      ...entry('name', context.customer_name),
      ...entry('company', context.company_name),
    },
    summary: context.conversation_summary,
    intent: context.detected_intent,
    urgency: context.urgency_level ?? 'medium',
    ...entry('marketingConsent', context.marketing_consent),
    ...entry('timestamp', timestamp === 'unreadable' ? undefined : timestamp),
    leadSource: workflow.lead_source ?? 'phone_call',
    followUpRequired: workflow.follow_up_required ?? true,
    ...entry('priority', workflow.priority),
    ...entry('team', workflow.assigned_team),
    ...entry('budget', budget),
    ...entry('timeline', custom.timeline_mentioned),
    painPoints: custom.pain_points,
    competitors: custom.competitor_mentioned,
    ...entry('language', language),
    notes,
  };
}

function readTimestamp(value: unknown): string | 'unreadable' | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  if (text === NOT_TEXT) return 'unreadable';
  const timestamp = readCallTimestamp(text);
  return timestamp.kind === 'time' ? timestamp.iso : 'unreadable';
}

/** Names, never values, of the fields the body carried that a Call has no place for. */
function unknownFieldNotes(body: CallBody): string[] {
  const sections: [string, Record<string, unknown>][] = [
    ['', body],
    ['conversation_context', body.conversation_context],
    ['workflow_parameters', body.workflow_parameters],
    ['custom_data', body.custom_data],
  ];
  return sections.flatMap(([section, fields]) => {
    const known = knownFieldNames()[section] ?? [];
    return Object.keys(fields)
      .filter((name) => !known.includes(name))
      .map((name) => `ignored unknown field ${section === '' ? name : `${section}.${name}`}`);
  });
}

function readBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string') return isPlainObject(body) ? body : undefined;
  // A body that is itself a JSON string is a double-encoded object, which some clients send.
  try {
    const decoded: unknown = JSON.parse(body);
    return isPlainObject(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ key: value }` when the value is present, else nothing; for spreading into an object. */
function entry<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
