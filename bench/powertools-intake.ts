/**
 * The same intake job built the way the Powertools for AWS Lambda examples build it: the parser's
 * API Gateway envelope with a zod schema of the body (JSONStringified), and the idempotency
 * utility's key and payload hashes (JMESPath over the event, deep sort, SHA-256). The persistence
 * layer here does no I/O, so only its hashing and configuration run, as in the own pipeline.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { ApiGatewayEnvelope } from '@aws-lambda-powertools/parser/envelopes';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';

const lowerEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.toLowerCase())
    .pipe(z.enum(values));
const textOrList = z.union([z.string(), z.array(z.string())]).nullish();

/** The body template as a plain zod schema, the way the parser's examples declare one. */
export const callBodySchema = z.object({
  trigger_source: z.string(),
  conversation_context: z.object({
    customer_email: z.email(),
    customer_phone: z.string().nullish(),
    customer_name: z.string().nullish(),
    company_name: z.string().nullish(),
    conversation_summary: z.string().min(1),
    detected_intent: lowerEnum(['support', 'sales', 'information', 'complaint', 'partnership']),
    urgency_level: lowerEnum(['low', 'medium', 'high', 'critical']),
    timestamp: z.string(),
  }),
  workflow_parameters: z.object({
    lead_source: z.string(),
    follow_up_required: z.boolean(),
    priority: z.string().nullish(),
    assigned_team: z.string().nullish(),
  }),
  custom_data: z.object({
    budget_mentioned: z.string().nullish(),
    timeline_mentioned: z.string().nullish(),
    pain_points: textOrList,
    competitor_mentioned: textOrList,
  }),
  language: z.string().optional(),
});

/** A persistence layer without a store: what is measured is the key and payload hashing. */
class HashOnlyPersistenceLayer extends BasePersistenceLayer {
  protected async _deleteRecord(): Promise<void> {}
  protected async _getRecord(): Promise<never> {
    throw new Error('not used in the benchmark');
  }
  protected async _putRecord(): Promise<void> {}
  protected async _updateRecord(): Promise<void> {}
}

interface Hashing {
  getHashedIdempotencyKey(data: unknown): string;
  getHashedPayload(data: unknown): string;
}

/** Configured once per cold start, as `makeIdempotent` does. */
export function powertoolsIdempotency(): Hashing {
  const layer = new HashOnlyPersistenceLayer();
  layer.configure({
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'powertools_json(body)',
      payloadValidationJmesPath: 'powertools_json(body)',
      throwOnNoIdempotencyKey: true,
    }),
    functionName: 'Intake',
  });
  return layer as unknown as Hashing;
}

const bodyInEvent = JSONStringified(callBodySchema);

/** Parses and validates the event's body, and computes the idempotency key and payload hash. */
export function powertoolsIntake(event: APIGatewayProxyEvent, hashing: Hashing) {
  const call = ApiGatewayEnvelope.parse(event, bodyInEvent);
  const key = hashing.getHashedIdempotencyKey(event);
  const payloadHash = hashing.getHashedPayload(event);
  return { call, key, payloadHash };
}
