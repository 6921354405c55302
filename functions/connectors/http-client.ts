/** The one JSON-over-HTTP client every HTTP connector uses; it turns failures into ConnectorErrors. */

import {
  NetworkError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
  UpstreamTimeoutError,
} from '../core/errors';

export interface JsonRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  /** Sent as JSON when given. */
  body?: unknown;
  /** Covers the whole exchange: connecting, the headers and reading the body. */
  timeoutMs: number;
  /** Non-2xx statuses the caller interprets itself (e.g. 404 "not found", 409 "exists"). */
  acceptStatuses?: number[];
}

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  /** `undefined` for an empty body (204 and the like). */
  body: T;
}

/**
 * Sends one request and answers the parsed JSON body, or throws the ConnectorError the ASL
 * retries or catches by name. It never retries itself: the state machine owns the retry policy.
 *
 * A 2xx (or accepted) answer whose body is not JSON is thrown as ServiceUnavailableError: such a
 * body comes from something in front of the API (a proxy, a captive portal, a maintenance page)
 * far more often than from the API itself, so it is worth the bounded retries of the ASL.
 *
 * @example
 *   const { body } = await requestJson<{ id: string }>('hubspot', {
 *     url: `${baseUrl}/crm/v3/objects/contacts`, method: 'POST', body: { properties }, timeoutMs: 3000,
 *   });
 */
export async function requestJson<T>(service: string, req: JsonRequest): Promise<JsonResponse<T>> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';

  let response: Response;
  try {
    response = await fetch(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal,
    });
  } catch (error) {
    throw transportError(service, req.timeoutMs, signal, error);
  }

  const { status } = response;
  const accepted = (status >= 200 && status < 300) || (req.acceptStatuses ?? []).includes(status);
  if (status === 429) {
    await discardBody(response);
    throw new RateLimitedError(service, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (status >= 500) {
    await discardBody(response);
    throw new ServiceUnavailableError(service, status);
  }

  const text = await readText(service, req.timeoutMs, signal, response);
  if (!accepted) {
    throw new UpstreamRejectedError(service, status, rejectionDetail(text));
  }
  if (text.trim() === '') {
    return { status, headers: response.headers, body: undefined as T };
  }
  try {
    return { status, headers: response.headers, body: JSON.parse(text) as T };
  } catch (error) {
    throw new ServiceUnavailableError(service, status, { cause: error });
  }
}

/**
 * Reads `Retry-After` as delta-seconds or as an HTTP date; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);

  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Picks a machine-readable error code from a 4xx body and nothing else: free-text messages echo
 * submitted values (e-mail addresses, names), which must not travel into logs and error payloads.
 */
export function rejectionDetail(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;

  const record = parsed as Record<string, unknown>;
  const nested = record.error;
  const candidates = [
    record.category,
    record.errorType,
    record.code,
    record.__type,
    typeof nested === 'string' ? nested : undefined,
    typeof nested === 'object' && nested !== null
      ? (nested as Record<string, unknown>).type
      : undefined,
  ];
  const code = candidates.find(
    (c): c is string => typeof c === 'string' && /^[\w.:-]{1,64}$/.test(c),
  );
  return code;
}

function transportError(service: string, timeoutMs: number, signal: AbortSignal, error: unknown) {
  if (signal.aborted) return new UpstreamTimeoutError(service, timeoutMs, { cause: error });
  return new NetworkError(service, { cause: error });
}

async function readText(
  service: string,
  timeoutMs: number,
  signal: AbortSignal,
  response: Response,
): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw transportError(service, timeoutMs, signal, error);
  }
}

/** Frees the connection without caring how the body ends. */
async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The status already decided the outcome; a broken body changes nothing.
  }
}
