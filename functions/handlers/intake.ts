/** Lambda: `POST /webhook/automation/{flow_id}`. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { intakeConfig } from '../core/config';
import { secretValues } from '../core/secret-values';
import { jsonErrors, jsonResult, lowerCaseHeaders } from '../intake/http-middleware';
import { receiveCall } from '../intake/receive-call';

export const handler = middy<APIGatewayProxyEvent>()
  .use(lowerCaseHeaders())
  .use(jsonErrors())
  .use(secretValues())
  .handler(async (event) => {
    const receivedAt = Date.now();
    const rawBody = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : (event.body ?? '');
    const response = await receiveCall(
      {
        flowId: event.pathParameters?.flow_id ?? '',
        headers: event.headers,
        rawBody,
        receivedAt,
      },
      intakeConfig(),
    );
    return jsonResult(200, response);
  });
