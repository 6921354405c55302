/** JSON text as the page shows it: pretty-printed, with personal data redacted (redactValue). */
import { redactText, redactValue } from '../../functions/core/redaction';

export function redactedJson(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  try {
    return JSON.stringify(redactValue(JSON.parse(text)), null, 2) ?? '';
  } catch {
    return redactText(text);
  }
}

export function redactedValue(value: unknown): string {
  return JSON.stringify(redactValue(value), null, 2) ?? '';
}
