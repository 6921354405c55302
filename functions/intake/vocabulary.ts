/**
 * Words agents use for the call's enumerated values besides the values themselves, keyed in
 * lower case with single spaces. Only words whose meaning is not in doubt are here; anything else
 * is refused with the list of allowed values, so the agent can ask again.
 */

import type { Intent, Language, Priority, Team, Urgency } from '../core/call';

export const INTENT_SYNONYMS: Readonly<Record<string, Intent>> = {
  sale: 'sales',
  purchase: 'sales',
  'sales inquiry': 'sales',
  'sales enquiry': 'sales',
  kauf: 'sales',
  kaufinteresse: 'sales',
  vertrieb: 'sales',
  verkauf: 'sales',
  'technical support': 'support',
  'tech support': 'support',
  'customer support': 'support',
  'support request': 'support',
  kundensupport: 'support',
  'technischer support': 'support',
  supportanfrage: 'support',
  info: 'information',
  informationen: 'information',
  'general inquiry': 'information',
  'general enquiry': 'information',
  auskunft: 'information',
  complaints: 'complaint',
  complain: 'complaint',
  beschwerde: 'complaint',
  reklamation: 'complaint',
  partner: 'partnership',
  partnerschaft: 'partnership',
  cooperation: 'partnership',
  kooperation: 'partnership',
};

// "urgent" is high, not critical: critical pages the sales manager by SMS and books a meeting
// within four hours, so it takes the word itself or an outright emergency.
export const URGENCY_SYNONYMS: Readonly<Record<string, Urgency>> = {
  niedrig: 'low',
  gering: 'low',
  normal: 'medium',
  moderate: 'medium',
  med: 'medium',
  mittel: 'medium',
  hoch: 'high',
  urgent: 'high',
  dringend: 'high',
  kritisch: 'critical',
  emergency: 'critical',
  notfall: 'critical',
};

// Priority has no level above high, so a "critical" priority is the highest there is.
export const PRIORITY_SYNONYMS: Readonly<Record<string, Priority>> = {
  niedrig: 'low',
  gering: 'low',
  normal: 'medium',
  med: 'medium',
  mittel: 'medium',
  hoch: 'high',
  urgent: 'high',
  dringend: 'high',
  critical: 'high',
  kritisch: 'high',
};

// "technical support" is left out on purpose: it could mean either the support or the technical
// team.
export const TEAM_SYNONYMS: Readonly<Record<string, Team>> = {
  vertrieb: 'sales',
  'customer support': 'support',
  kundensupport: 'support',
  kundendienst: 'support',
  'customer success': 'success',
  kundenerfolg: 'success',
  tech: 'technical',
  technik: 'technical',
  engineering: 'technical',
};

const LANGUAGE_NAMES: Readonly<Record<string, Language>> = {
  english: 'en',
  englisch: 'en',
  eng: 'en',
  german: 'de',
  deutsch: 'de',
  ger: 'de',
  deu: 'de',
};

// A BCP 47 tag such as "de", "de-DE" or "en_GB"; only its language subtag matters here.
const LANGUAGE_TAG = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/;

/** The answer language a text names: "de-DE", "German" and "Deutsch" all give 'de'. */
export function readLanguage(text: string): Language | undefined {
  const key = text.trim().toLowerCase();
  const named = LANGUAGE_NAMES[key];
  if (named !== undefined) return named;

  const subtag = LANGUAGE_TAG.exec(key)?.[1];
  if (subtag === 'en' || subtag === 'de') return subtag;
  return subtag === undefined ? undefined : LANGUAGE_NAMES[subtag];
}
