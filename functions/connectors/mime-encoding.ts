/** The encodings an e-mail needs on the wire: RFC 2047 header words, quoted-printable, base64. */

const CRLF = '\r\n';

/** Bytes per RFC 2047 word: 45 bytes make 60 base64 characters, inside the 75-character limit. */
const WORD_BYTES = 45;

const encoder = new TextEncoder();

/** Header text as is when printable ASCII, else as UTF-8 `B` encoded-words (split on characters). */
export function encodeHeaderText(text: string): string {
  const clean = withoutLineBreaks(text);
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;

  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    if (encoder.encode(chunk + char).length > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

export interface MailAddress {
  name?: string;
  email: string;
}

/** `Name <email>` with the name quoted or encoded as needed; the address itself must be ASCII. */
export function formatAddress(address: MailAddress | string): string {
  const { name, email } = typeof address === 'string' ? { email: address } : address;
  const addr = withoutLineBreaks(email).trim();
  if (!/^[^\s<>"@]+@[^\s<>"@]+$/.test(addr)) {
    throw new TypeError('An e-mail address must be a plain ASCII addr-spec');
  }
  if (!name) return addr;

  const display = withoutLineBreaks(name).trim();
  if (/^[\x20-\x7e]*$/.test(display)) {
    return `"${display.replace(/[\\"]/g, (c) => `\\${c}`)}" <${addr}>`;
  }
  return `${encodeHeaderText(display)} <${addr}>`;
}

/**
 * Folds a header at spaces so that lines stay under 78 characters where the value allows it.
 * Encoded-words are separated by spaces, so long encoded subjects fold too.
 */
export function foldHeader(name: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.trim() !== `${name}:`) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines ending in CRLF, none longer than 76. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => encodeQuotedPrintableLine(encoder.encode(line)))
    .join(CRLF);
}

function encodeQuotedPrintableLine(bytes: Uint8Array): string {
  const tokens: string[] = [];
  bytes.forEach((byte, index) => {
    const last = index === bytes.length - 1;
    const printable = byte >= 33 && byte <= 126 && byte !== 61;
    const blank = byte === 32 || byte === 9;
    // A space or tab right before the line break would be stripped in transit, so encode it.
    tokens.push(printable || (blank && !last) ? String.fromCharCode(byte) : hexByte(byte));
  });

  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  }
  lines.push(line);
  return lines.join(CRLF);
}

function hexByte(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Base64 in lines of 76 characters, CRLF-separated. */
export function encodeBase64Lines(content: string | Uint8Array): string {
  const base64 = Buffer.from(
    typeof content === 'string' ? encoder.encode(content) : content,
  ).toString('base64');
  return (base64.match(/.{1,76}/g) ?? ['']).join(CRLF);
}

/** Values from callers (or a language model) must not start a new header. */
export function withoutLineBreaks(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}
