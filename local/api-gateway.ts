/**
 * The local API Gateway: REST-API-shaped proxy events from real HTTP requests, handed to the
 * same Lambda handlers that run in AWS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export type ApiHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;

export interface ApiRoute {
  method: string;
  /** A path template such as `/webhook/automation/{flow_id}`. */
  path: string;
  handler: ApiHandler;
  /** The Lambda's timeout, for `getRemainingTimeInMillis`. */
  timeoutMs: number;
}

/** API Gateway's own payload limit; the intake enforces its smaller one itself. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

function isDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function matchRoute(routes: ApiRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (match) {
      // API Gateway answers a malformed escape itself, before any function runs.
      if (match.slice(1).some((part) => !isDecodable(part))) return 'malformed';
      const params = Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      return { route, params };
    }
  }
  return undefined;
}

function lambdaContext(functionName: string, timeoutMs: number): Context {
  const started = Date.now();
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, result: APIGatewayProxyResult) {
  response.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  response.end(result.body);
}

export function apiGatewayHandler(routes: ApiRoute[]) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const found = matchRoute(routes, request.method ?? 'GET', url.pathname);
    if (found === 'malformed') {
      send(response, {
        statusCode: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Malformed escape in the request path' }),
      });
      return;
    }
    if (!found) {
      send(response, {
        statusCode: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Missing Authentication Token' }),
      });
      return;
    }
    const body = await readBody(request);
    if (!body) {
      send(response, {
        statusCode: 413,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Request Too Long' }),
      });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const query = Object.fromEntries(url.searchParams);
    const event = {
      resource: found.route.path,
      path: url.pathname,
      httpMethod: request.method ?? 'GET',
      headers,
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters: found.params,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        requestId: randomUUID(),
        stage: 'local',
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
      },
    } as unknown as APIGatewayProxyEvent;
    try {
      send(
        response,
        await found.route.handler(event, lambdaContext(found.route.path, found.route.timeoutMs)),
      );
    } catch {
      send(response, {
        statusCode: 502,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Internal server error' }),
      });
    }
  };
}

/** Listens on loopback only; port 0 picks a free one. */
export async function listenOnLoopback(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void,
  port = 0,
): Promise<{ server: Server; url: string }> {
  // No request, however malformed, may take the whole local stack down.
  const server = createServer((request, response) => {
    Promise.resolve()
      .then(() => handler(request, response))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Internal server error' }));
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actual}` };
}
