/**
 * The local outbox read as a mail program would: the `.eml` files the local SES writes (also
 * those of earlier runs kept in the data folder), newest first, each with its text, HTML,
 * attachments and the links a reader can follow.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MimePart, parseHeaders, parseMime } from '../aws/mime-reader';
import type { LocalSes } from '../aws/ses';

export interface OutboxEntry {
  /** The file name without `.eml`: how the page names the message. */
  id: string;
  file: string;
  from: string;
  to: string[];
  subject: string;
  at: string;
}

export interface MailLink {
  label: string;
  href: string;
}

export interface OpenedMail extends OutboxEntry {
  text: string;
  html: string;
  attachments: Array<{ name: string; mediaType: string; text: string }>;
  links: MailLink[];
}

const SHOWN = 200;
const ID = /^[\w.-]+$/;

export async function outboxEntries(outboxDir: string, ses: LocalSes): Promise<OutboxEntry[]> {
  const names = await readdir(outboxDir).catch(() => [] as string[]);
  const sent = new Map(ses.messages().map((message) => [message.file, message]));
  // The file names start with the time sent, so that they sort by it.
  const files = names
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .reverse()
    .slice(0, SHOWN);
  return Promise.all(
    files.map(async (name) => {
      const file = join(outboxDir, name);
      const id = name.slice(0, -'.eml'.length);
      const known = sent.get(file);
      if (known)
        return { id, file, from: known.from, to: known.to, subject: known.subject, at: known.at };
      const headers = parseHeaders(headOf(await readFile(file, 'utf8')));
      return {
        id,
        file,
        from: headers.from ?? '',
        to: (headers.to ?? '').split(/,\s*/).filter(Boolean),
        subject: headers.subject ?? '',
        at: headers.date ? new Date(headers.date).toISOString() : '',
      };
    }),
  );
}

export async function openMail(
  outboxDir: string,
  ses: LocalSes,
  id: string,
): Promise<OpenedMail | undefined> {
  if (!ID.test(id)) return undefined;
  const entry = (await outboxEntries(outboxDir, ses)).find((candidate) => candidate.id === id);
  if (!entry) return undefined;
  const parts = leaves(parseMime(await readFile(entry.file, 'utf8')));
  const body = (type: string) =>
    parts.find((part) => part.mediaType === type)?.body.toString('utf8') ?? '';
  const text = body('text/plain');
  const html = body('text/html');
  const attachments = parts
    .filter((part) => part.mediaType !== 'text/plain' && part.mediaType !== 'text/html')
    .map((part) => ({
      name: attachmentName(part),
      mediaType: part.mediaType,
      text: part.mediaType.startsWith('text/')
        ? part.body.toString('utf8')
        : `${part.body.length} bytes`,
    }));
  return { ...entry, text, html, attachments, links: linksOf(text, html) };
}

/** Links of the text part, named by what stands before them on their line ("Approve: ..."). */
function linksOf(text: string, html: string): MailLink[] {
  const links: MailLink[] = [];
  const seen = new Set<string>();
  const add = (label: string, href: string) => {
    if (seen.has(href)) return;
    seen.add(href);
    links.push({ label, href });
  };
  for (const line of text.split(/\r?\n/)) {
    for (const match of line.matchAll(/https?:\/\/[^\s<>"]+/g)) {
      const before = line
        .slice(0, match.index)
        .replace(/[\s:]+$/, '')
        .trim();
      add(before || match[0], match[0]);
    }
  }
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    add('Link in the HTML part', (match[1] ?? '').replace(/&amp;/g, '&'));
  }
  return links;
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

function headOf(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return end < 0 ? raw : raw.slice(0, end);
}

function attachmentName(part: MimePart): string {
  const disposition = part.headers['content-disposition'] ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? part.params.name ?? part.mediaType;
}
