/**
 * Whether a support call reports a defect, in English or German: error codes, crashes, things
 * that fail or stop working. Such calls also get an issue in the issue tracker.
 */

interface Signal {
  name: string;
  pattern: RegExp;
  /** A weak signal ("error", "Fehler") counts only together with another one. */
  weak?: boolean;
}

const SIGNALS: Signal[] = [
  {
    name: 'error code',
    // E-4711, ERR_502, SIP 488, error 0x80070005, Fehlercode 17, HTTP 500
    pattern:
      /\b(?:e-?\d{3,}|err[_-]?\w*\d{2,}|sip[ -]?\d{3}|0x[0-9a-f]{4,}|http[ -]?[45]\d\d)\b|\b(?:error|fehler|code|fehlercode|status)\s*(?:code\s*)?[:#]?\s*[a-z]{0,4}[-_]?\d{2,}\b/i,
  },
  { name: 'crash', pattern: /\b(?:crash(?:es|ed|ing)?|freez(?:es|ing)|froze)\b/i },
  {
    name: 'failure',
    pattern:
      /\b(?:fail(?:s|ed|ing|ure)?|broken|not working|(?:does|do|did)n[’']?t work|stopped working|exception|bug(?:gy|s)?|hangs)\b/i,
  },
  {
    name: 'Absturz',
    pattern: /\b(?:absturz|abstürze|stürzt\S*\s+(?:\S+\s+){0,4}?ab|abgestürzt|hängt sich auf)\b/i,
  },
  {
    name: 'Störung',
    pattern:
      /\b(?:funktioniert\s+(?:\S+\s+){0,3}?nicht|geht\s+(?:\S+\s+){0,3}?nicht\s+mehr|schlägt\s+(?:\S+\s+){0,3}?fehl|fehlgeschlagen|kaputt|störung|bug)\b/i,
  },
  { name: 'error', pattern: /\b(?:errors?|fehler\w*)\b/i, weak: true },
];

/** The signals found in `text`, by name, for the ticket and the issue. */
export function bugSignals(text: string): string[] {
  return SIGNALS.filter((signal) => signal.pattern.test(text)).map((signal) => signal.name);
}

/** True when `text` reads as a defect report rather than a question or a wish. */
export function isBugReport(text: string): boolean {
  const found = SIGNALS.filter((signal) => signal.pattern.test(text));
  return found.some((signal) => !signal.weak) || found.length > 1;
}
