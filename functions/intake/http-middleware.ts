/** Middy middlewares shared by the HTTP handlers: header names and JSON error answers. */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from '../core/errors';
import { logger } from '../core/logger';

export type HttpMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function jsonResult(statusCode: number, body: unknown, headers = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Lower-cases header names, as HTTP treats them case-insensitively and API Gateway does not. */
export function lowerCaseHeaders(): HttpMiddleware {
  return {
    before: (request) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.event.headers ?? {})) {
        if (value !== undefined) headers[name.toLowerCase()] = value;
      }
      request.event.headers = headers;
    },
  };
}

/**
 * Answers every error as JSON. Errors meant for the caller (HttpError below 500) say what went
 * wrong; anything else is logged and answered with a request id only.
 */
export function jsonErrors(): HttpMiddleware {
  return {
    onError: (request) => {
      const error = request.error;
      const requestId = request.context.awsRequestId;
      if (error instanceof HttpError && error.expose) {
        logger.info('Request refused', {
          statusCode: error.statusCode,
          reason: error.message,
          requestId,
        });
        request.response = jsonResult(error.statusCode, { error: error.message, ...error.details });
        return;
      }
      if (error instanceof HttpError) {
        const retry = error.details.retry_after_seconds;
        request.response = jsonResult(
          error.statusCode,
          { error: error.message, request_id: requestId },
          retry ? { 'retry-after': String(retry) } : {},
        );
        return;
      }
      logger.error('Unhandled error', { error, requestId });
      request.response = jsonResult(500, { error: 'Internal error', request_id: requestId });
    },
  };
}
