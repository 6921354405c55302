/** Lambda: `GET /executions/{id}`, the status and result of one call's run. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { intakeConfig } from '../core/config';
import { HttpError } from '../core/errors';
import { secretValues } from '../core/secret-values';
import { jsonErrors, jsonResult, lowerCaseHeaders } from '../intake/http-middleware';
import { describeCall } from '../intake/receive-call';

export const handler = middy<APIGatewayProxyEvent>()
  .use(lowerCaseHeaders())
  .use(jsonErrors())
  .use(secretValues())
  .handler(async (event) => {
    const executionId = event.pathParameters?.id ?? '';
    const response = await describeCall(executionId, event.headers, intakeConfig());
    if (!response) throw new HttpError(404, 'No execution with that id (or it has expired).');
    return jsonResult(200, response);
  });
