/** The raw body's checks before validation: size, media type, and JSON syntax with a location. */
import { HttpError } from '../core/errors';
import { jsonSyntaxErrorOffset } from './json-syntax';

export const MAX_BODY_BYTES = 256 * 1024;

export function checkBodySize(rawBody: string): void {
  const bytes = Buffer.byteLength(rawBody, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new HttpError(413, `The body is ${bytes} bytes; at most ${MAX_BODY_BYTES} are accepted.`);
  }
}

/** JSON only; a missing Content-Type is tolerated, since some agents' HTTP tools omit it. */
export function checkMediaType(contentType: string | undefined): void {
  if (!contentType) return;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(
      415,
      `Content-Type ${type || '(empty)'} is not accepted; send application/json.`,
    );
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Parses JSON, or answers 400 saying where it broke (line and column, never the content). */
export function parseJsonBody(rawBody: string): unknown {
  if (rawBody.trim() === '') {
    throw new HttpError(400, 'The body is empty; send the call as a JSON object.', {
      errors: [{ field: '(body)', problem: 'is empty', allowed: 'a JSON object' }],
    });
  }
  try {
    return JSON.parse(rawBody);
  } catch {
    const offset = Math.min(jsonSyntaxErrorOffset(rawBody), rawBody.length);
    const { line, column } = lineAndColumn(rawBody, offset);
    const where =
      offset >= rawBody.trimEnd().length
        ? 'at the end of the body'
        : `at line ${line}, column ${column}`;
    throw new HttpError(400, `The body is not valid JSON: it breaks ${where}.`, {
      errors: [{ field: '(body)', problem: `is not valid JSON (breaks ${where})` }],
    });
  }
}
