/**
 * The local operations page: an HTTP server on 127.0.0.1 in the local stack's process, reading
 * the engine, the outbox, the metrics and the manual queue directly. It answers only requests
 * addressed to it by its loopback name, and takes posts (replay, discard) only from its own
 * pages, so that no other site open in the same browser can make it act.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { logger } from '../../functions/core/logger';
import { redactText } from '../../functions/core/redaction';
import { listenOnLoopback } from '../api-gateway';
import { type OpsSources, opsRoutes, type Reply } from './ops-routes';
import { QueueDepth } from './queue-depth';

export interface OpsPageOptions {
  /** Any free port when 0 or absent. */
  port?: number;
  /** How often the queue depth is sampled for its chart. */
  sampleEveryMs?: number;
}

export interface OpsPage {
  url: string;
  close(): Promise<void>;
}

/** The page's own scripts and styles only; e-mail HTML, in a sandboxed frame, may style itself. */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join('; ');

export async function startOpsPage(
  sources: OpsSources,
  options: OpsPageOptions = {},
): Promise<OpsPage> {
  const depth = new QueueDepth(sources.manualQueueUrl);
  const routes = opsRoutes(sources, depth);
  let origins: Set<string> = new Set();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!origins.has(`http://${request.headers.host ?? ''}`)) {
      return send(response, { status: 421, text: 'This page answers on 127.0.0.1 only.' });
    }
    const table =
      request.method === 'POST' ? routes.POST : request.method === 'GET' ? routes.GET : [];
    if (request.method === 'POST' && !origins.has(request.headers.origin ?? '')) {
      return send(response, { status: 403, text: 'Actions are taken from the page itself only.' });
    }
    for (const [pattern, route] of table) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      try {
        return send(response, await route(match, url.searchParams));
      } catch (error) {
        logger.error('Operations page request failed', { path: url.pathname, error });
        return send(response, {
          status: 500,
          text: `The page failed: ${redactText(String((error as Error).message ?? error))}`,
        });
      }
    }
    return send(response, {
      status: request.method === 'GET' || request.method === 'POST' ? 404 : 405,
      text: 'Not found',
    });
  };

  const { server, url } = await listenOnLoopback(handle, options.port ?? 0);
  const port = new URL(url).port;
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  await depth.sample();
  depth.start(options.sampleEveryMs ?? 5000);
  return {
    url,
    close: async () => {
      depth.stop();
      await closeServer(server);
    },
  };
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Not `no-referrer`: with it, a browser sends `Origin: null` on the page's own form posts.
    'referrer-policy': 'same-origin',
  };
  if ('location' in reply) {
    response.writeHead(reply.status, { ...headers, location: reply.location }).end();
  } else if ('html' in reply) {
    response
      .writeHead(reply.status, {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': POLICY,
      })
      .end(reply.html.text);
  } else if ('json' in reply) {
    response
      .writeHead(reply.status, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify(reply.json));
  } else if ('body' in reply) {
    response.writeHead(reply.status, { ...headers, 'content-type': reply.type }).end(reply.body);
  } else {
    response
      .writeHead(reply.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end(reply.text);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
