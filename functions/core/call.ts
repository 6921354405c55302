/** The normalised call: what the intake hands to every workflow after validation. */

export const INTENTS = ['support', 'sales', 'information', 'complaint', 'partnership'] as const;
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export const PRIORITIES = ['low', 'medium', 'high'] as const;
export const TEAMS = ['sales', 'support', 'success', 'technical'] as const;
export const LANGUAGES = ['en', 'de'] as const;

export type Intent = (typeof INTENTS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Team = (typeof TEAMS)[number];
export type Language = (typeof LANGUAGES)[number];

/** An amount of money as understood from free text such as "120k €" or "80.000-100.000 EUR". */
export interface Money {
  /** The text as the agent sent it. */
  raw: string;
  /** Lower and upper bound in major units; equal for a single figure. */
  min: number;
  max: number;
  /** ISO 4217 code when the text named or implied one. */
  currency?: string;
}

export interface Contact {
  /** As given, trimmed, lower-cased domain. */
  email: string;
  /** Normalised for matching duplicates (lower case, plus-tag removed, Gmail dots removed). */
  emailKey: string;
  /** E.164. */
  phone?: string;
  name?: string;
  company?: string;
}

export interface Call {
  flowId: string;
  triggerSource: string;
  contact: Contact;
  summary: string;
  intent: Intent;
  urgency: Urgency;
  /** The caller's answer when the agent asked for marketing consent; absent when not asked. */
  marketingConsent?: boolean;
  /** ISO 8601 time the agent stamped on the call, when it sent a real one. */
  timestamp?: string;
  leadSource: string;
  followUpRequired: boolean;
  priority?: Priority;
  team?: Team;
  budget?: Money;
  timeline?: string;
  painPoints: string[];
  competitors: string[];
  /** Language asked for in the body (`language` field), when one was sent. */
  language?: Language;
  /** Notes on what the parser dropped or guessed, e.g. an unreadable phone number or unknown fields. */
  notes: string[];
}
