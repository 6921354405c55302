/**
 * The support workflow's fallback after it failed for good: the technical team's mailbox gets
 * the call by e-mail, the simplest direct call, so that somebody answers the customer.
 */
import type { Call } from '../core/call';
import { handOverEmailText } from '../core/call-summary';
import { supportConfig } from '../core/support-config';
import { supportMailer } from './connections';

export function supportFallback(
  executionId: string,
  call: Call,
): Record<string, () => Promise<string>> {
  return {
    'fallback-notify-support': async () => {
      const sent = await supportMailer().send({
        to: supportConfig().teams.technical.email,
        subject: `Support call needs a person: ${call.contact.name ?? call.contact.email}`,
        text: handOverEmailText(
          'The automatic support processing of this call failed; please answer the customer.',
          call,
          executionId,
        ),
        headers: { 'X-Execution-Id': executionId, 'X-Template': 'support-fallback' },
      });
      return `e-mail ${sent.messageId}`;
    },
  };
}
