/** Reading the local outbox the way a person reads their mail: subject, text, HTML, links. */
import { readFile } from 'node:fs/promises';
import { type MimePart, parseMime } from '../../local/aws/mime-reader';
import type { LocalStack } from '../../local/stack';
import { eventually } from './calls';

export interface ReadEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The iCalendar attachment, when there is one. */
  calendar: string;
  raw: string;
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export async function readEmails(stack: LocalStack): Promise<ReadEmail[]> {
  return Promise.all(
    stack.ses.messages().map(async (message) => {
      const raw = await readFile(message.file, 'utf8');
      const parts = leaves(parseMime(raw));
      const body = (type: string) =>
        parts.find((part) => part.mediaType === type)?.body.toString('utf8') ?? '';
      return {
        to: message.to,
        subject: message.subject,
        text: body('text/plain'),
        html: body('text/html'),
        calendar: body('text/calendar'),
        raw,
      };
    }),
  );
}

/** Waits for an e-mail whose subject matches. */
export function emailWith(
  stack: LocalStack,
  subject: RegExp,
  timeoutMs = 10_000,
): Promise<ReadEmail> {
  return eventually(
    async () => (await readEmails(stack)).find((email) => subject.test(email.subject)),
    timeoutMs,
  );
}

/** The link after "Approve: " or "Reject: " in an approval e-mail's text. */
export function approvalLink(email: ReadEmail, button: 'Approve' | 'Reject'): string {
  const link = new RegExp(`^${button}: (\\S+)$`, 'm').exec(email.text)?.[1];
  if (!link) throw new Error(`No ${button} link in "${email.subject}"`);
  return link;
}
