/**
 * A loopback proxy in front of one stand-in: it holds each request for a fixed delay (the
 * latency of a real outside service) and records what passed, so that the benchmark can count
 * outside calls, their overlap, and DynamoDB request units.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedCall {
  service: string;
  /** `X-Amz-Target` for AWS JSON protocols, else the method and path. */
  operation: string;
  startedAt: number;
  endedAt: number;
  requestBytes: number;
  responseBytes: number;
}

export interface DelayProxy {
  url: string;
  calls: ProxiedCall[];
  delayMs: number;
  close(): Promise<void>;
}

export async function startDelayProxy(
  service: string,
  targetUrl: string,
  delayMs: number,
): Promise<DelayProxy> {
  const target = new URL(targetUrl);
  const calls: ProxiedCall[] = [];
  const proxy: DelayProxy = { url: '', calls, delayMs, close: () => closeServer(server) };
  const server: Server = createServer((incoming, outgoing) => {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      setTimeout(() => {
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: `${target.pathname.replace(/\/$/, '')}${incoming.url ?? '/'}`,
            headers: { ...incoming.headers, host: target.host },
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            answer.on('end', () => {
              const payload = Buffer.concat(parts);
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              outgoing.end(payload);
              const amzTarget = incoming.headers['x-amz-target'];
              calls.push({
                service,
                operation:
                  typeof amzTarget === 'string'
                    ? amzTarget
                    : `${incoming.method} ${(incoming.url ?? '').split('?')[0]}`,
                startedAt,
                endedAt: Date.now(),
                requestBytes: body.length,
                responseBytes: payload.length,
              });
            });
          },
        );
        upstream.on('error', () => outgoing.destroy());
        upstream.end(body);
      }, proxy.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
