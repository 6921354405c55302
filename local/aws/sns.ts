/**
 * Local Amazon SNS endpoint for SMS: speaks the query protocol's `Publish` to a phone number the
 * AWS SDK sends (form-encoded) and answers its XML. Point an `SNSClient` at its `url`.
 */

import { randomUUID } from 'node:crypto';
import {
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from '../standins/standin-server';

export interface LocalSnsOptions {
  port?: number;
}

export interface SentSms {
  messageId: string;
  to: string;
  text: string;
  /** `AWS.SNS.SMS.*` and other message attributes, by name. */
  attributes: Record<string, string>;
  at: string;
}

export interface LocalSns extends StandinServer {
  messages(): SentSms[];
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export async function startLocalSns(options: LocalSnsOptions = {}): Promise<LocalSns> {
  let sent: SentSms[] = [];

  const publish = (form: Record<string, string>): StandinReply => {
    const to = form.PhoneNumber ?? '';
    const text = form.Message ?? '';
    if (!/^\+[1-9]\d{1,14}$/.test(to)) {
      return snsError(400, 'InvalidParameter', 'Invalid parameter: PhoneNumber');
    }
    if (!text) return snsError(400, 'InvalidParameter', 'Invalid parameter: Message');
    const attributes = messageAttributes(form);
    const senderId = attributes['AWS.SNS.SMS.SenderID'];
    if (senderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId)) {
      return snsError(400, 'InvalidParameter', 'Invalid parameter: SenderID');
    }

    const messageId = randomUUID();
    sent.push({ messageId, to, text, attributes, at: new Date().toISOString() });
    return xml(
      200,
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId>` +
        `</PublishResult>${requestMetadata()}</PublishResponse>`,
    );
  };

  const handle = (req: StandinRequest): StandinReply => {
    const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
      string,
      string
    >;
    if (req.method !== 'POST' || req.path !== '/')
      return snsError(404, 'NotFound', 'Unknown path.');
    if (form.Action !== 'Publish')
      return snsError(400, 'InvalidAction', 'The local SNS speaks Publish only.');
    return publish(form);
  };

  const server = await startStandinServer({
    service: 'sns',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle,
    faultReply: (status) => {
      if (status === 429) return snsError(status, 'Throttled', 'Rate exceeded');
      if (status >= 500) return snsError(status, 'InternalError', 'Injected.', 'Receiver');
      return snsError(status, 'InvalidParameter', 'Injected.');
    },
    state: () => ({ messages: sent }),
    onReset: () => {
      sent = [];
    },
  });
  return Object.assign(server, { messages: () => [...sent] });
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` pairs, as the query protocol flattens them. */
function messageAttributes(form: Record<string, string>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, name] of Object.entries(form)) {
    const entry = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key)?.[1];
    if (entry === undefined) continue;
    attributes[name] = form[`MessageAttributes.entry.${entry}.Value.StringValue`] ?? '';
  }
  return attributes;
}

function snsError(status: number, code: string, message: string, type = 'Sender'): StandinReply {
  return xml(
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code>` +
      `<Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function xml(status: number, body: string): StandinReply {
  return {
    status,
    text: `<?xml version="1.0"?>\n${body}`,
    headers: { 'content-type': 'text/xml' },
  };
}

function requestMetadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}
