/**
 * The shared base of every loopback stand-in: an HTTP server on 127.0.0.1 that records each request,
 * injects faults on demand and offers a control surface under `/__standin/` for curl users.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-surface';
import {
  type FaultAction,
  FaultPlan,
  type FaultScope,
  type FaultSpec,
  matchesScope,
  parseFaultSpec,
  parseRandomFaultSpec,
  type RandomFaultSpec,
} from './faults';
import { parseBody, readBody, redactHeaders } from './standin-request';

/** What a stand-in's route handler sees: the real headers, the parsed body. */
export interface StandinRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON or form fields when the content type says so, else the text, else undefined. */
  body: unknown;
  rawBody: string;
}

/** What the stand-in keeps: the request with secrets redacted, when, and any fault it got. */
export interface RecordedRequest extends Omit<StandinRequest, 'rawBody'> {
  at: string;
  fault?: FaultAction['kind'];
}

export interface StandinReply {
  status: number;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent as is (XML, text); `content-type` goes in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

export type StandinHandler = (req: StandinRequest) => StandinReply | Promise<StandinReply>;

export interface StandinServerOptions {
  /** Shown in the control surface and in errors. */
  service: string;
  handle: StandinHandler;
  /** 0 (any free port) when absent. */
  port?: number;
  /** Words an injected status fault the way this service words its errors. */
  faultReply?: (status: number) => StandinReply;
  /** The stand-in's data for `GET /__standin/state`. */
  state?: () => unknown;
  /** Also clears the stand-in's own data on `reset()`. */
  onReset?: () => void;
}

export type RequestFilter = FaultScope | ((request: RecordedRequest) => boolean);

export interface StandinServer {
  readonly service: string;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  requests(filter?: RequestFilter): RecordedRequest[];
  /** Forgets requests and faults, and the stand-in's own data where it has `onReset`. */
  reset(): void;
  injectFault(spec: FaultSpec): void;
  injectRandomFaults(spec: RandomFaultSpec): void;
  clearFaults(): void;
  /** Resolves once the port is free, also with hanging requests open. */
  close(): Promise<void>;
}

/** Old requests are dropped past this, so a long-running local stack does not grow without bound. */
const MAX_RECORDED = 1000;

export async function startStandinServer(options: StandinServerOptions): Promise<StandinServer> {
  const faults = new FaultPlan();
  let recorded: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const standin = {
    service: options.service,
    url: '',
    port: 0,
    requests(filter?: RequestFilter) {
      if (!filter) return [...recorded];
      const keep =
        typeof filter === 'function'
          ? filter
          : (r: RecordedRequest) => matchesScope(filter, r.method, r.path);
      return recorded.filter(keep);
    },
    reset() {
      recorded = [];
      faults.clear();
      options.onReset?.();
    },
    injectFault: (spec: FaultSpec) => faults.add(parseFaultSpec(spec)),
    injectRandomFaults: (spec: RandomFaultSpec) => faults.setRandom(parseRandomFaultSpec(spec)),
    clearFaults: () => faults.clear(),
    close: () => closeServer(),
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, json: { error: 'standin_failure' } });
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const request: StandinRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body: parseBody(req.headers['content-type'], rawBody),
      rawBody,
    };

    if (url.pathname.startsWith('/__standin/')) {
      send(res, handleControl(standin, request, { faults, state: options.state }));
      return;
    }

    const fault = faults.take(method, url.pathname);
    const { rawBody: _omitted, ...kept } = request;
    recorded.push({
      ...kept,
      headers: redactHeaders(request.headers),
      at: new Date().toISOString(),
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (recorded.length > MAX_RECORDED) recorded = recorded.slice(-MAX_RECORDED);

    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault?.kind === 'status') {
      send(res, faultReply(options, fault.status, fault.retryAfterSeconds));
      return;
    }
    send(res, await options.handle(request));
  }

  let closing: Promise<void> | undefined;
  function closeServer(): Promise<void> {
    closing ??= new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  standin.port = port;
  standin.url = `http://127.0.0.1:${port}`;
  return standin;
}

/** `Bearer` token of a request, if it sent one. */
export function bearerToken(headers: Record<string, string>): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
}

function faultReply(
  options: StandinServerOptions,
  status: number,
  retryAfter?: number,
): StandinReply {
  const reply = options.faultReply?.(status) ?? {
    status,
    json: { error: 'injected_fault', status },
  };
  if (retryAfter === undefined) return reply;
  return { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfter) } };
}

function send(res: ServerResponse, reply: StandinReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body = reply.text ?? '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
