/** Lambda: `GET` and `POST /approvals/{id}`, the pages behind an approval e-mail's buttons. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { approvalLinkConfig } from '../approval/approval-config';
import { type PageResult, showApproval, submitDecision } from '../approval/decide-approval';
import { logger } from '../core/logger';
import { loadSecretValues } from '../core/secret-values';
import { lowerCaseHeaders } from '../intake/http-middleware';

/** Nothing on the page may load, frame or send anywhere but back to this same URL. */
const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
};

const page = ({ statusCode, html }: PageResult): APIGatewayProxyResult => ({
  statusCode,
  headers: HTML_HEADERS,
  body: html,
});

function formFields(event: APIGatewayProxyEvent): Record<string, string> {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  return Object.fromEntries(new URLSearchParams(raw));
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(lowerCaseHeaders())
  .handler(async (event) => {
    const approvalId = event.pathParameters?.id;
    const query = event.queryStringParameters ?? {};
    try {
      await loadSecretValues();
      const config = approvalLinkConfig();
      return page(
        event.httpMethod === 'POST'
          ? await submitDecision(approvalId, query, formFields(event), config)
          : await showApproval(approvalId, query, config),
      );
    } catch (error) {
      logger.error('Approval page failed', { error: (error as Error).name });
      return page({
        statusCode: 500,
        html: '<!doctype html><title>Try again</title><p>Something went wrong on our side; nothing was decided. Please try the link again in a minute.</p>',
      });
    }
  });
