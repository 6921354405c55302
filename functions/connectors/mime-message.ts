/** Builds a complete RFC 5322 / MIME message: text and HTML alternatives plus attachments. */

import { randomUUID } from 'node:crypto';
import {
  encodeBase64Lines,
  encodeHeaderText,
  encodeQuotedPrintable,
  foldHeader,
  formatAddress,
  type MailAddress,
  withoutLineBreaks,
} from './mime-encoding';

const CRLF = '\r\n';

/** Headers the builder writes itself; a caller setting them would produce a broken message. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

export interface MailAttachment {
  filename: string;
  /** Full media type, parameters included, e.g. `text/calendar; method=REQUEST; charset=UTF-8`. */
  contentType: string;
  /** Text is sent as UTF-8. */
  content: string | Uint8Array;
}

export interface MailMessage {
  from: MailAddress | string;
  to: Array<MailAddress | string>;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers such as `Reply-To` or `X-Execution-Id`; values are single-line ASCII. */
  headers?: Record<string, string>;
  date?: Date;
  messageId?: string;
}

interface Part {
  headers: string[];
  body: string;
}

/**
 * The message as CRLF text: a single text part, `multipart/alternative` when there is HTML, and
 * `multipart/mixed` around that when there are attachments.
 */
export function buildMimeMessage(message: MailMessage): string {
  const from = formatAddress(message.from);
  const domain = /@([^>]+)>?$/.exec(from)?.[1] ?? 'localhost';
  const head = [
    foldHeader('From', from),
    foldHeader('To', message.to.map(formatAddress).join(', ')),
    foldHeader('Subject', encodeHeaderText(message.subject)),
    `Date: ${(message.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${withoutLineBreaks(message.messageId ?? randomUUID())}@${domain}>`,
    ...extraHeaders(message.headers ?? {}),
    'MIME-Version: 1.0',
  ];

  const root = mixedPart(message);
  const text = [...head, ...root.headers, '', root.body].join(CRLF);
  return text.endsWith(CRLF) ? text : `${text}${CRLF}`;
}

function mixedPart(message: MailMessage): Part {
  const body = alternativePart(message);
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return body;
  return multipart('mixed', [body, ...attachments.map(attachmentPart)]);
}

function alternativePart(message: MailMessage): Part {
  const text = textPart('text/plain', message.text);
  if (message.html === undefined) return text;
  return multipart('alternative', [text, textPart('text/html', message.html)]);
}

function textPart(mediaType: string, content: string): Part {
  return {
    headers: [
      `Content-Type: ${mediaType}; charset=UTF-8`,
      'Content-Transfer-Encoding: quoted-printable',
    ],
    body: encodeQuotedPrintable(content),
  };
}

function attachmentPart(attachment: MailAttachment): Part {
  const filename = encodeHeaderText(attachment.filename).replace(/[\\"]/g, '_');
  return {
    headers: [
      `Content-Type: ${withoutLineBreaks(attachment.contentType)}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    body: encodeBase64Lines(attachment.content),
  };
}

/** `=_` cannot occur in quoted-printable or base64 output, so the boundary never collides. */
function multipart(subtype: string, parts: Part[]): Part {
  const boundary = `=_${subtype}_${randomUUID()}`;
  const sections = parts.map((part) =>
    [`--${boundary}`, ...part.headers, '', part.body].join(CRLF),
  );
  return {
    headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`],
    body: [...sections, `--${boundary}--`, ''].join(CRLF),
  };
}

function extraHeaders(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => {
    if (!/^[A-Za-z0-9-]+$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new TypeError(`The header name ${JSON.stringify(name)} cannot be set by the caller`);
    }
    return foldHeader(name, encodeHeaderText(value));
  });
}
