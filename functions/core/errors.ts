/** Error hierarchy shared by the intake, the task functions and the connectors. */

export interface ErrorContext {
  [key: string]: unknown;
}

/** Base of every error this project throws on purpose. */
export class AppError extends Error {
  readonly context: ErrorContext;

  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.context = options.context ?? {};
  }
}

/**
 * A call to an outside service failed. Subclasses are matched by name in the ASL `Retry` and
 * `Catch` fields, so their names are part of the workflow contract.
 */
export class ConnectorError extends AppError {
  readonly service: string;

  constructor(
    service: string,
    message: string,
    options: { cause?: unknown; context?: ErrorContext } = {},
  ) {
    super(message, options);
    this.service = service;
  }
}

/** HTTP 429: try again later, after `retryAfterSeconds` when the service said so. */
export class RateLimitedError extends ConnectorError {
  readonly retryAfterSeconds: number | undefined;

  constructor(service: string, retryAfterSeconds?: number, options: { cause?: unknown } = {}) {
    super(service, `${service} is rate limiting requests`, {
      ...options,
      context: { retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** HTTP 502, 503 or 504, or any other 5xx: the service is down for now. */
export class ServiceUnavailableError extends ConnectorError {
  readonly status: number;

  constructor(service: string, status: number, options: { cause?: unknown } = {}) {
    super(service, `${service} answered ${status}`, { ...options, context: { status } });
    this.status = status;
  }
}

/** The service did not answer within the connector's timeout. */
export class UpstreamTimeoutError extends ConnectorError {
  constructor(service: string, timeoutMs: number, options: { cause?: unknown } = {}) {
    super(service, `${service} did not answer within ${timeoutMs} ms`, {
      ...options,
      context: { timeoutMs },
    });
  }
}

/** The connection failed or dropped before an answer (DNS, refused, reset). */
export class NetworkError extends ConnectorError {
  constructor(service: string, options: { cause?: unknown } = {}) {
    super(service, `${service} could not be reached`, options);
  }
}

/** A 4xx other than 429: repeating the same request would fail the same way, so never retried. */
export class UpstreamRejectedError extends ConnectorError {
  readonly status: number;

  constructor(service: string, status: number, detail?: string, options: { cause?: unknown } = {}) {
    super(service, `${service} rejected the request with ${status}${detail ? `: ${detail}` : ''}`, {
      ...options,
      context: { status },
    });
    this.status = status;
  }
}

/** Names the ASL retries on; the single list the workflows and tests refer to. */
export const RETRYABLE_ERROR_NAMES = [
  'RateLimitedError',
  'ServiceUnavailableError',
  'UpstreamTimeoutError',
  'NetworkError',
] as const;

/** One problem with one field of a request. */
export interface FieldError {
  /** Dotted path into the request body, e.g. `conversation_context.customer_email`. */
  field: string;
  problem: string;
  allowed?: string[] | string;
}

/**
 * An error answered at the HTTP edge. `expose` decides whether `message` reaches the caller;
 * internals (status >= 500) never do.
 */
export class HttpError extends AppError {
  readonly statusCode: number;
  readonly expose: boolean;
  readonly details: Record<string, unknown>;

  constructor(statusCode: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.expose = statusCode < 500;
    this.details = details;
  }
}

export class ValidationError extends HttpError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(400, 'The request body is not a valid call', { errors });
    this.errors = errors;
  }
}
