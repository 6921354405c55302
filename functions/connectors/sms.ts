/** SMS connector: transactional text messages through Amazon SNS `Publish` to a phone number. */

import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ServiceUnavailableError } from '../core/errors';
import { toConnectorError } from './aws-error';

export const SMS_SERVICE = 'sns';

export interface SmsSenderOptions {
  /**
   * Create it with `maxAttempts: 1`: the state machine owns retries, and SDK retries inside a
   * task would multiply them and eat the caller's time budget.
   */
  client: SNSClient;
  /** Alphanumeric sender id (1-11 characters) where the destination country supports one. */
  senderId?: string;
  /** Per send, covering the SDK's whole exchange; 5000 ms when not given. */
  timeoutMs?: number;
}

export interface OutgoingSms {
  /** E.164, e.g. `+4915112345678`; SNS rejects anything else. */
  to: string;
  text: string;
}

export function createSmsSender(options: SmsSenderOptions) {
  const timeoutMs = options.timeoutMs ?? 5000;
  const attributes = {
    // Transactional: delivered with priority (and billed so) instead of as marketing.
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    ...(options.senderId
      ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId } }
      : {}),
  };

  return {
    async send(sms: OutgoingSms): Promise<{ messageId: string }> {
      const command = new PublishCommand({
        PhoneNumber: sms.to,
        Message: sms.text,
        MessageAttributes: attributes,
      });

      const signal = AbortSignal.timeout(timeoutMs);
      let messageId: string | undefined;
      try {
        ({ MessageId: messageId } = await options.client.send(command, { abortSignal: signal }));
      } catch (error) {
        throw toConnectorError(error, { service: SMS_SERVICE, timeoutMs, signal });
      }
      if (!messageId) throw new ServiceUnavailableError(SMS_SERVICE, 200);
      return { messageId };
    },
  };
}

export type SmsSender = ReturnType<typeof createSmsSender>;
