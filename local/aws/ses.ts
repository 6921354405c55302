/**
 * Local Amazon SES v2 endpoint: speaks the REST-JSON `SendEmail` call the AWS SDK makes and drops
 * every message as an `.eml` file into an outbox folder. Point an `SESv2Client` at its `url`.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMimeMessage } from '../../functions/connectors/mime-message';
import {
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from '../standins/standin-server';
import { type MimePart, parseHeaders, parseMime } from './mime-reader';

export interface LocalSesOptions {
  /** Created when missing; one `.eml` file per message. */
  outboxDir: string;
  /** Identities (addresses or domains) allowed as sender, like SES's sandbox; any when absent. */
  verifiedIdentities?: string[];
  port?: number;
}

export interface OutboxMessage {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  at: string;
  /** Path of the `.eml` file. */
  file: string;
  /** The decoded plain-text part, so that links can be read without a mail program. */
  text: string;
}

export interface LocalSes extends StandinServer {
  messages(): OutboxMessage[];
}

interface SendEmailInput {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: {
    Raw?: { Data?: string };
    Simple?: {
      Subject?: { Data?: string };
      Body?: { Text?: { Data?: string }; Html?: { Data?: string } };
    };
  };
}

export async function startLocalSes(options: LocalSesOptions): Promise<LocalSes> {
  await mkdir(options.outboxDir, { recursive: true });
  let outbox: OutboxMessage[] = [];

  const sendEmail = async (req: StandinRequest): Promise<StandinReply> => {
    const input = (
      typeof req.body === 'object' && req.body !== null ? req.body : {}
    ) as SendEmailInput;
    const raw = rawMessage(input);
    if (raw === undefined)
      return sesError(400, 'BadRequestException', 'Content must be Raw or Simple.');

    const headEnd = raw.search(/\r?\n\r?\n/);
    const headers = parseHeaders(headEnd < 0 ? raw : raw.slice(0, headEnd));
    const from = input.FromEmailAddress ?? headers.from ?? '';
    const to = input.Destination?.ToAddresses ?? (headers.to ? headers.to.split(/,\s*/) : []);
    if (!from || to.length === 0) {
      return sesError(400, 'BadRequestException', 'A sender and a recipient are required.');
    }
    if (!isVerified(bareAddress(from), options.verifiedIdentities)) {
      return sesError(400, 'MessageRejected', 'Email address is not verified.');
    }

    const at = new Date().toISOString();
    const messageId = `0107${randomBytes(6).toString('hex')}-${randomUUID()}-000000`;
    const file = join(options.outboxDir, `${at.replace(/[:.]/g, '-')}-${messageId}.eml`);
    await writeFile(file, raw, 'utf8');
    outbox.push({
      messageId,
      from,
      to,
      subject: headers.subject ?? '',
      at,
      file,
      text: plainText(raw),
    });
    return { status: 200, json: { MessageId: messageId } };
  };

  const server = await startStandinServer({
    service: 'ses',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) =>
      req.method === 'POST' && req.path === '/v2/email/outbound-emails'
        ? sendEmail(req)
        : sesError(404, 'NotFoundException', 'The local SES speaks SendEmail only.'),
    faultReply: (status) => {
      if (status === 429) return sesError(status, 'TooManyRequestsException', 'Too many requests.');
      if (status >= 500) return sesError(status, 'InternalServiceErrorException', 'Injected.');
      return sesError(status, 'BadRequestException', 'Injected.');
    },
    state: () => ({ messages: outbox }),
    onReset: () => {
      outbox = [];
    },
  });
  return Object.assign(server, { messages: () => [...outbox] });
}

/** The message as it would travel: the raw bytes given, or built from Simple content. */
function rawMessage(input: SendEmailInput): string | undefined {
  const data = input.Content?.Raw?.Data;
  if (typeof data === 'string') return Buffer.from(data, 'base64').toString('utf8');

  const simple = input.Content?.Simple;
  if (!simple || !input.FromEmailAddress) return undefined;
  const html = simple.Body?.Html?.Data;
  return buildMimeMessage({
    from: input.FromEmailAddress,
    to: input.Destination?.ToAddresses ?? [],
    subject: simple.Subject?.Data ?? '',
    text: simple.Body?.Text?.Data ?? '',
    ...(html === undefined ? {} : { html }),
  });
}

function isVerified(address: string, identities: string[] | undefined): boolean {
  if (!identities) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return identities.some((id) => id.toLowerCase() === address || id.toLowerCase() === domain);
}

function bareAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/** SES v2 names its errors in `x-amzn-ErrorType`; the SDK builds the exception from it. */
function sesError(status: number, type: string, message: string): StandinReply {
  return { status, headers: { 'x-amzn-errortype': type }, json: { message } };
}

/** The first text/plain part of a message, decoded. */
function plainText(raw: string): string {
  const leaves = (part: MimePart): MimePart[] =>
    part.parts.length ? part.parts.flatMap(leaves) : [part];
  return (
    leaves(parseMime(raw))
      .find((part) => part.mediaType === 'text/plain')
      ?.body.toString('utf8') ?? ''
  );
}
