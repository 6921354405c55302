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

/**
 * JSON in UTF-8, unencoded. A missing Content-Type is tolerated, since some agents' HTTP tools
 * omit it; another charset or a compressed body is refused rather than read as garbled text.
 */
export function checkMediaType(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): void {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw new HttpError(
      415,
      `Content-Encoding ${encoding} is not accepted; send the JSON uncompressed.`,
    );
  }
  if (!contentType) return;
  const [typePart = '', ...params] = contentType.split(';');
  const type = typePart.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(
      415,
      `Content-Type ${type || '(empty)'} is not accepted; send application/json.`,
    );
  }
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, `charset ${charset} is not accepted; send the JSON in UTF-8.`);
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
  // A byte-order mark is not JSON, but it says nothing either.
  const text = rawBody.charCodeAt(0) === 0xfeff ? rawBody.slice(1) : rawBody;
  try {
    return JSON.parse(text);
  } catch {
    const offset = Math.min(jsonSyntaxErrorOffset(text), text.length);
    const { line, column } = lineAndColumn(text, offset);
    const where =
      offset >= text.trimEnd().length
        ? 'at the end of the body'
        : `at line ${line}, column ${column}`;
    throw new HttpError(400, `The body is not valid JSON: it breaks ${where}.`, {
      errors: [{ field: '(body)', problem: `is not valid JSON (breaks ${where})` }],
    });
  }
}
