/** E-mail connector: sends MIME messages through Amazon SES v2 (raw content, for attachments). */

import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ServiceUnavailableError } from '../core/errors';
import { toConnectorError } from './aws-error';
import type { MailAddress } from './mime-encoding';
import { buildMimeMessage, type MailAttachment } from './mime-message';

export const EMAIL_SERVICE = 'ses';

export interface EmailSenderOptions {
  /**
   * Create it with `maxAttempts: 1`: the state machine owns retries, and SDK retries inside a
   * task would multiply them and eat the caller's time budget.
   */
  client: SESv2Client;
  /** A verified SES identity, e.g. `{ name: 'Acme Sales', email: 'sales@acme.example' }`. */
  from: MailAddress | string;
  /** Per send, covering the SDK's whole exchange; 5000 ms when not given. */
  timeoutMs?: number;
}

export interface OutgoingEmail {
  to: MailAddress | string | Array<MailAddress | string>;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
}

export function createEmailSender(options: EmailSenderOptions) {
  const timeoutMs = options.timeoutMs ?? 5000;

  return {
    async send(email: OutgoingEmail): Promise<{ messageId: string }> {
      const to = Array.isArray(email.to) ? email.to : [email.to];
      const raw = buildMimeMessage({
        from: options.from,
        to,
        subject: email.subject,
        text: email.text,
        ...(email.html === undefined ? {} : { html: email.html }),
        ...(email.attachments ? { attachments: email.attachments } : {}),
        ...(email.headers ? { headers: email.headers } : {}),
      });
      const command = new SendEmailCommand({
        FromEmailAddress: addressOf(options.from),
        Destination: { ToAddresses: to.map(addressOf) },
        Content: { Raw: { Data: new TextEncoder().encode(raw) } },
      });

      const signal = AbortSignal.timeout(timeoutMs);
      let messageId: string | undefined;
      try {
        ({ MessageId: messageId } = await options.client.send(command, { abortSignal: signal }));
      } catch (error) {
        throw toConnectorError(error, { service: EMAIL_SERVICE, timeoutMs, signal });
      }
      if (!messageId) throw new ServiceUnavailableError(EMAIL_SERVICE, 200);
      return { messageId };
    },
  };
}

export type EmailSender = ReturnType<typeof createEmailSender>;

function addressOf(address: MailAddress | string): string {
  return typeof address === 'string' ? address : address.email;
}
