/**
 * The shape of the agent's request body (the reference's request body template) as a Zod schema
 * whose fields read a language model's habits; see field-schemas.ts.
 */

import type { CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { INTENTS, PRIORITIES, TEAMS, URGENCIES } from '../core/call';
import { normaliseEmail } from './email';
import {
  fieldValue,
  flagField,
  listField,
  optionalChoice,
  optionalText,
  rejectField,
  requiredChoice,
  requiredText,
  sectionField,
} from './field-schemas';
import { normalisePhone } from './phone';
import { NOT_TEXT, readText } from './template-slot';
import { INTENT_SYNONYMS, PRIORITY_SYNONYMS, TEAM_SYNONYMS, URGENCY_SYNONYMS } from './vocabulary';

const EMAIL_ALLOWED = 'an e-mail address such as name@example.com';
const PHONE_ALLOWED = 'a phone number, national or international (E.164)';

// Lists of pain points or competitors longer than this are a model rambling, not a summary.
const LIST_LIMITS = { maxItems: 20, maxItemLength: 200 };

const emailField = fieldValue().transform((value, ctx) => {
  const text = readText(value);
  if (text === undefined) {
    rejectField(ctx, 'is required', EMAIL_ALLOWED);
    return z.NEVER;
  }
  const email = text === NOT_TEXT ? undefined : normaliseEmail(text);
  if (email === undefined) rejectField(ctx, 'is not an e-mail address', EMAIL_ALLOWED);
  return email ?? z.NEVER;
});

function phoneField(defaultRegion: CountryCode) {
  return fieldValue().transform((value, ctx) => {
    const text = readText(value);
    if (text === undefined) return undefined;
    const phone = text === NOT_TEXT ? undefined : normalisePhone(text, defaultRegion);
    if (phone === undefined) rejectField(ctx, 'is not a phone number', PHONE_ALLOWED);
    return phone;
  });
}

function callBodyShapes(defaultRegion: CountryCode) {
  return {
    conversation_context: {
      customer_email: emailField,
      customer_phone: phoneField(defaultRegion),
      customer_name: optionalText(200),
      company_name: optionalText(200),
      conversation_summary: requiredText(4000),
      detected_intent: requiredChoice(INTENTS, INTENT_SYNONYMS),
      urgency_level: optionalChoice(URGENCIES, URGENCY_SYNONYMS),
      /** Whether the caller agreed to marketing follow-ups, when the agent asked. */
      marketing_consent: flagField(),
      // Volatile metadata: read when the call is mapped, where a bad one is only a note.
      timestamp: fieldValue(),
    },
    workflow_parameters: {
      lead_source: optionalText(100),
      follow_up_required: flagField(),
      priority: optionalChoice(PRIORITIES, PRIORITY_SYNONYMS),
      assigned_team: optionalChoice(TEAMS, TEAM_SYNONYMS),
    },
    custom_data: {
      budget_mentioned: optionalText(500),
      timeline_mentioned: optionalText(500),
      pain_points: listField(LIST_LIMITS),
      competitor_mentioned: listField(LIST_LIMITS),
    },
  };
}

function callBodySchema(defaultRegion: CountryCode) {
  const shapes = callBodyShapes(defaultRegion);
  return z.looseObject({
    trigger_source: optionalText(100),
    conversation_context: sectionField(shapes.conversation_context),
    workflow_parameters: sectionField(shapes.workflow_parameters),
    custom_data: sectionField(shapes.custom_data),
    language: optionalText(50),
  });
}

export type CallBody = z.output<ReturnType<typeof callBodySchema>>;

// The schema depends only on the region, and a deployment uses one or two of them.
const schemasByRegion = new Map<CountryCode, ReturnType<typeof callBodySchema>>();

/** The body schema that reads national phone numbers in `defaultRegion`. */
export function callBodySchemaFor(defaultRegion: CountryCode): ReturnType<typeof callBodySchema> {
  let schema = schemasByRegion.get(defaultRegion);
  if (schema === undefined) {
    schema = callBodySchema(defaultRegion);
    schemasByRegion.set(defaultRegion, schema);
  }
  return schema;
}

let knownFields: Readonly<Record<string, readonly string[]>> | undefined;

/** Field names per section ('' for the top level), to tell which fields are unknown. */
export function knownFieldNames(): Readonly<Record<string, readonly string[]>> {
  knownFields ??= {
    '': Object.keys(callBodySchemaFor('DE').shape),
    ...Object.fromEntries(
      Object.entries(callBodyShapes('DE')).map(([section, shape]) => [section, Object.keys(shape)]),
    ),
  };
  return knownFields;
}
