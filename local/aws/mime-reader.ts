/**
 * A small MIME reader for the local outbox and the tests: headers (unfolded, encoded-words
 * decoded), multipart trees, base64 and quoted-printable bodies. Not a general-purpose parser.
 */

export interface MimePart {
  /** Lower-case names; repeated headers keep the last value. */
  headers: Record<string, string>;
  /** Lower-case media type, e.g. `multipart/mixed`. */
  mediaType: string;
  /** Content-Type parameters, lower-case names. */
  params: Record<string, string>;
  /** The decoded body of a leaf part; empty for multiparts. */
  body: Buffer;
  parts: MimePart[];
}

export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaders(head);
  const [mediaType = 'text/plain', ...paramText] = (headers['content-type'] ?? 'text/plain').split(
    ';',
  );
  const params = parseParams(paramText);
  const part: MimePart = {
    headers,
    mediaType: mediaType.trim().toLowerCase(),
    params,
    body: Buffer.alloc(0),
    parts: [],
  };

  if (part.mediaType.startsWith('multipart/') && params.boundary) {
    part.parts = splitMultipart(rest, params.boundary).map(parseMime);
    return part;
  }
  part.body = decodeBody(rest, headers['content-transfer-encoding']);
  return part;
}

export function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n[ \t]/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(
      line.slice(colon + 1).trim(),
    );
  }
  return headers;
}

/** RFC 2047: `=?charset?B|Q?text?=`, with the blanks between adjacent encoded-words dropped. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
    (_m, _charset, encoding: string, text: string) => {
      if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const qp = text.replace(/_/g, ' ');
      return decodeQuotedPrintable(qp).toString('utf8');
    },
  );
}

export function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(text: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(text);
    default:
      return Buffer.from(text, 'utf8');
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const sections = body.split(new RegExp(`(?:^|\\r?\\n)${escapeRegExp(delimiter)}`));
  // First: preamble; last: starts with `--` (the close delimiter) and carries the epilogue.
  return sections
    .slice(1)
    .filter((s) => !s.startsWith('--'))
    .map((s) => s.replace(/^[ \t]*\r?\n/, ''));
}

function parseParams(parts: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const value = part.slice(eq + 1).trim();
    params[part.slice(0, eq).trim().toLowerCase()] = value.replace(/^"(.*)"$/, '$1');
  }
  return params;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
