/**
 * Loopback stand-in for Slack's `chat.postMessage`. Like Slack, it answers HTTP 200 with
 * `ok: false` for a wrong token or an unknown channel, and HTTP 429 when rate limiting.
 */

import { createHash } from 'node:crypto';
import {
  bearerToken,
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from './standin-server';

export interface SlackStandinOptions {
  /** The bot token the connector must send as `Bearer`. */
  token: string;
  /** Channel names (`sales` or `#sales`) that exist; any channel is accepted when absent. */
  channels?: string[];
  port?: number;
}

export interface PostedMessage {
  ts: string;
  /** Channel id, as Slack answers it. */
  channel: string;
  /** Channel as the client sent it. */
  requestedChannel: string;
  text: string;
  blocks?: unknown[];
  at: string;
}

export interface SlackStandin extends StandinServer {
  messages(): PostedMessage[];
}

export async function startSlackStandin(options: SlackStandinOptions): Promise<SlackStandin> {
  let posted: PostedMessage[] = [];
  let clock = 0;

  const postMessage = (req: StandinRequest): StandinReply => {
    const token = bearerToken(req.headers);
    if (!token) return slackError('not_authed');
    if (token !== options.token) return slackError('invalid_auth');

    const body = (req.body ?? {}) as Record<string, unknown>;
    const requested = typeof body.channel === 'string' ? body.channel : '';
    const channel = channelId(requested, options.channels);
    if (!channel) return slackError('channel_not_found');
    const text = typeof body.text === 'string' ? body.text : '';
    if (!text && !Array.isArray(body.blocks)) return slackError('no_text');

    // Slack's ts is "seconds.micro", unique per channel; a counter keeps it unique here.
    clock += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(clock).padStart(6, '0')}`;
    const message: PostedMessage = {
      ts,
      channel,
      requestedChannel: requested,
      text,
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
      at: new Date().toISOString(),
    };
    posted.push(message);
    return { status: 200, json: { ok: true, channel, ts, message: { type: 'message', text, ts } } };
  };

  const server = await startStandinServer({
    service: 'slack',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) =>
      req.method === 'POST' && req.path === '/api/chat.postMessage'
        ? postMessage(req)
        : { status: 404, text: 'Not Found', headers: { 'content-type': 'text/plain' } },
    faultReply: (status) =>
      status === 429
        ? { status, json: { ok: false, error: 'ratelimited' } }
        : { status, text: 'Service Unavailable', headers: { 'content-type': 'text/plain' } },
    state: () => ({ messages: posted }),
    onReset: () => {
      posted = [];
    },
  });
  return Object.assign(server, { messages: () => [...posted] });
}

/** A stable id per channel name, shaped like Slack's (`C` and upper-case alphanumerics). */
function channelId(requested: string, known: string[] | undefined): string | undefined {
  const name = requested.replace(/^#/, '').trim().toLowerCase();
  if (!name) return undefined;
  if (/^[CGD][A-Z0-9]{8,}$/.test(requested)) return requested;
  if (known && !known.some((k) => k.replace(/^#/, '').toLowerCase() === name)) return undefined;
  return `C${createHash('sha256').update(name).digest('hex').slice(0, 10).toUpperCase()}`;
}

function slackError(code: string): StandinReply {
  return { status: 200, json: { ok: false, error: code } };
}
