/** An API Gateway REST proxy event as AWS delivers it for one webhook call. */
import type { APIGatewayProxyEvent } from 'aws-lambda';

export function apiGatewayEvent(
  headers: Record<string, string>,
  body: string,
  index: number,
): APIGatewayProxyEvent {
  const path = '/webhook/automation/lead';
  return {
    resource: '/webhook/automation/{flow_id}',
    path,
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { flow_id: 'lead' },
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: null,
      domainName: 'a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      extendedRequestId: `ext-${index}`,
      httpMethod: 'POST',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.10',
        user: null,
        userAgent: 'voice-agent/1.0',
        userArn: null,
      },
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: `req-${index}`,
      requestTime: '04/Dec/2026:17:00:00 +0000',
      requestTimeEpoch: 1_796_403_600_000 + index,
      resourceId: 'abc123',
      resourcePath: '/webhook/automation/{flow_id}',
      stage: 'prod',
    },
  };
}
