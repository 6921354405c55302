/** The caller's marketing consent as the CRM keeps it (custom contact property `marketing_consent`). */
import type { Call } from '../core/call';

export function consentProperty(call: Call): Record<string, string> {
  if (call.marketingConsent === undefined) return {};
  return { marketing_consent: call.marketingConsent ? 'granted' : 'declined' };
}
