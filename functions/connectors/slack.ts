/** Chat connector for Slack's Web API (`chat.postMessage`), authenticated with a bot token. */

import { RateLimitedError, ServiceUnavailableError, UpstreamRejectedError } from '../core/errors';
import { parseRetryAfter, requestJson } from './http-client';

export const SLACK_SERVICE = 'slack';

/** Slack error codes that mean "Slack is having trouble", not "your request is wrong". */
const SLACK_OUTAGE_CODES = new Set(['service_unavailable', 'fatal_error', 'internal_error']);

export interface SlackClientOptions {
  /** e.g. `https://slack.com`; no default, so nothing is ever called by accident. */
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export interface SlackMessage {
  /** Channel id (`C0123…`) or name (`#sales`). */
  channel: string;
  /** Also the notification text and the fallback when blocks are given. */
  text: string;
  blocks?: unknown[];
}

interface PostMessageBody {
  ok?: boolean;
  error?: string;
  ts?: string;
  channel?: string;
}

export function createSlackClient(options: SlackClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  return {
    /**
     * Posts a message and answers Slack's id for it (`ts`) and the channel id. Slack reports most
     * failures as HTTP 200 with `ok: false`; those are mapped here like HTTP failures.
     */
    async postMessage(message: SlackMessage): Promise<{ ts: string; channel: string }> {
      const { status, headers, body } = await requestJson<PostMessageBody | undefined>(
        SLACK_SERVICE,
        {
          url: `${baseUrl}/api/chat.postMessage`,
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}` },
          body: {
            channel: message.channel,
            text: message.text,
            ...(message.blocks ? { blocks: message.blocks } : {}),
          },
          timeoutMs: options.timeoutMs,
        },
      );

      if (body?.ok === true && body.ts && body.channel)
        return { ts: body.ts, channel: body.channel };

      const code = body?.error;
      if (code === 'ratelimited') {
        throw new RateLimitedError(SLACK_SERVICE, parseRetryAfter(headers.get('retry-after')));
      }
      // 503 stands for "Slack said it is unavailable" (or answered nonsense); the HTTP status was 2xx.
      if (code === undefined || SLACK_OUTAGE_CODES.has(code)) {
        throw new ServiceUnavailableError(SLACK_SERVICE, 503);
      }
      throw new UpstreamRejectedError(SLACK_SERVICE, status, code.slice(0, 64));
    },
  };
}

export type SlackClient = ReturnType<typeof createSlackClient>;
