/**
 * Lambda: `POST /admin/privacy/{action}` with `{"email": "…"}`: exports or erases everything
 * held on one person. Admin bearer tokens only; `X-Actor` names who asks, for the audit trail.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from '../core/errors';
import { verifyBearer } from '../intake/authenticate';
import { jsonErrors, jsonResult, lowerCaseHeaders } from '../intake/http-middleware';
import {
  PRIVACY_ACTIONS,
  type PrivacyAction,
  privacyConfig,
  privacyTarget,
  runPrivacyRequest,
} from '../privacy/privacy-request';

function emailOf(body: string | null): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    throw new HttpError(400, 'Send a JSON body such as {"email": "name@example.com"}.');
  }
  const email = (parsed as { email?: unknown } | null)?.email;
  if (typeof email !== 'string' || email.trim() === '') {
    throw new HttpError(400, 'The body needs "email": the address the caller used.', {
      field: 'email',
    });
  }
  return email;
}

export const handler = middy<APIGatewayProxyEvent>()
  .use(lowerCaseHeaders())
  .use(jsonErrors())
  .handler(async (event) => {
    verifyBearer(event.headers.authorization, privacyConfig().adminTokens);
    const action = event.pathParameters?.action ?? '';
    if (!(PRIVACY_ACTIONS as readonly string[]).includes(action)) {
      throw new HttpError(404, `Unknown privacy action "${action.slice(0, 32)}".`, {
        known_actions: PRIVACY_ACTIONS,
      });
    }
    const named = /^[\w.@-]{1,64}$/.exec(event.headers['x-actor'] ?? '')?.[0];
    const answer = await runPrivacyRequest(
      action as PrivacyAction,
      emailOf(event.body),
      `admin:${named ?? 'unnamed'}`,
      privacyTarget(),
    );
    return jsonResult(200, answer);
  });
