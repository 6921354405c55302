/**
 * A queue's settable attributes (CreateQueue's `Attributes`) with SQS's defaults and ranges;
 * values are kept as the strings SQS takes and answers.
 */

import { invalidAttributeName, invalidAttributeValue } from './sqs-errors';

export type QueueSettings = Record<string, string>;

interface NumberRule {
  min: number;
  max: number;
  fallback: number;
}

export type NumberSetting =
  | 'VisibilityTimeout'
  | 'MessageRetentionPeriod'
  | 'DelaySeconds'
  | 'ReceiveMessageWaitTimeSeconds'
  | 'MaximumMessageSize';

/** The settings that change how the queue behaves here. */
const NUMBER_RULES: Record<NumberSetting, NumberRule> = {
  VisibilityTimeout: { min: 0, max: 43_200, fallback: 30 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, fallback: 345_600 },
  DelaySeconds: { min: 0, max: 900, fallback: 0 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, fallback: 0 },
  MaximumMessageSize: { min: 1024, max: 1_048_576, fallback: 1_048_576 },
};

/** Taken, kept and answered, without effect here: encryption, policies, dead-letter queues. */
const KEPT_AS_GIVEN = new Set([
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
]);

/** Validates CreateQueue's attributes and fills in the defaults. */
export function queueSettings(given: unknown): QueueSettings {
  const attributes = (typeof given === 'object' && given !== null ? given : {}) as Record<
    string,
    unknown
  >;
  const settings: QueueSettings = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'FifoQueue' || name === 'ContentBasedDeduplication') {
      throw invalidAttributeName(`${name} (the local SQS keeps standard queues only)`);
    }
    if (!(name in NUMBER_RULES) && !KEPT_AS_GIVEN.has(name)) throw invalidAttributeName(name);
    settings[name] = String(value);
  }
  for (const [name, rule] of Object.entries(NUMBER_RULES)) {
    const text = settings[name] ?? String(rule.fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < rule.min || value > rule.max) {
      throw invalidAttributeValue(name, `Must be a whole number from ${rule.min} to ${rule.max}.`);
    }
    settings[name] = String(value);
  }
  return settings;
}

/** The first setting in which two queues differ, if any. */
export function firstDifference(a: QueueSettings, b: QueueSettings): string | undefined {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].find((name) => a[name] !== b[name]);
}

/** A numeric setting, in the unit SQS names it in (seconds or bytes). */
export function numberSetting(settings: QueueSettings, name: NumberSetting): number {
  return Number(settings[name] ?? NUMBER_RULES[name].fallback);
}
