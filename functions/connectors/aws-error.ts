/** The one translation from AWS SDK v3 failures to the ConnectorErrors the ASL retries by name. */

import {
  ConnectorError,
  NetworkError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamRejectedError,
  UpstreamTimeoutError,
} from '../core/errors';

/** Error names across SES, SNS and the SDK's shared errors that mean "slow down". */
const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottledException',
  'Throttled',
  'Throttling',
  'ThrottlingException',
  'KMSThrottlingException',
  'RequestLimitExceeded',
]);

const OUTAGE_NAMES = new Set([
  'InternalServiceErrorException',
  'InternalErrorException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/**
 * Connection failures. The SDK's HTTP handler renames ECONNRESET and EPIPE to `TimeoutError`
 * (so that its own retry treats them as transient); the code tells the truth, so it wins.
 */
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export interface AwsCallContext {
  service: string;
  timeoutMs: number;
  /** The signal the call was made with; when it fired, the failure is our timeout. */
  signal?: AbortSignal;
}

/**
 * Maps whatever an SDK `send` threw. Errors that carry no HTTP status
 * (a bug in a middleware, an unexpected SDK state) count as network errors: nothing answered, and
 * a bounded retry is cheaper than losing a message. Missing credentials are a configuration
 * problem that repeats identically, so they are rejected without retry.
 */
export function toConnectorError(error: unknown, context: AwsCallContext): ConnectorError {
  const { service, timeoutMs, signal } = context;
  if (error instanceof ConnectorError) return error;

  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const options = { cause: error };

  if (signal?.aborted) return new UpstreamTimeoutError(service, timeoutMs, options);
  if (shape.code && NETWORK_CODES.has(shape.code)) return new NetworkError(service, options);
  if (TIMEOUT_NAMES.has(name)) {
    return new UpstreamTimeoutError(service, timeoutMs, options);
  }
  if (THROTTLING_NAMES.has(name) || status === 429) {
    return new RateLimitedError(service, retryAfter(shape), options);
  }
  if (OUTAGE_NAMES.has(name) || (status !== undefined && status >= 500)) {
    return new ServiceUnavailableError(service, status ?? 503, options);
  }
  if (status !== undefined && status >= 400) {
    return new UpstreamRejectedError(service, status, safeCode(name), options);
  }
  if (name === 'CredentialsProviderError') {
    return new UpstreamRejectedError(service, 401, 'CredentialsProviderError', options);
  }
  // Refused, reset, hang-up and DNS failures carry no status and land here by design.
  return new NetworkError(service, options);
}

function retryAfter(shape: SdkErrorShape): number | undefined {
  const value = shape.$response?.headers?.['retry-after'];
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** SDK error names are codes such as `MessageRejected`; anything else is not passed on. */
function safeCode(name: string): string | undefined {
  return /^[\w.:-]{1,64}$/.test(name) ? name : undefined;
}
