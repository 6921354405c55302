import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_SETTINGS, type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct) =>
  synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** The method at a path such as `/webhook/automation/{flow_id}`, with the function it calls. */
function route(method: string, routePath: string) {
  const { Resources } = synthesized.template.toJSON() as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const pathOf = (id: string): string => {
    const resource = Resources[id];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') return '';
    const parent = resource.Properties.ParentId as { Ref?: string };
    return `${parent.Ref ? pathOf(parent.Ref) : ''}/${resource.Properties.PathPart}`;
  };
  const found = Object.values(Resources).find(
    (resource) =>
      resource.Type === 'AWS::ApiGateway::Method' &&
      resource.Properties.HttpMethod === method &&
      pathOf((resource.Properties.ResourceId as { Ref: string }).Ref) === routePath,
  );
  return found?.Properties;
}

describe('the webhook API', () => {
  it('sends POST /webhook/automation/{flow_id} to the intake function as a proxy call', () => {
    const method = route('POST', '/webhook/automation/{flow_id}');

    expect(method).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY' } });
    expect(JSON.stringify(method?.Integration)).toContain(
      logicalId(synthesized.stack.webhook.intake),
    );
  });

  it('sends GET /executions/{id} to the executions function', () => {
    const method = route('GET', '/executions/{id}');

    expect(method).toMatchObject({ Integration: { Type: 'AWS_PROXY' } });
    expect(JSON.stringify(method?.Integration)).toContain(
      logicalId(synthesized.stack.webhook.executions),
    );
  });

  it('sends GET and POST /approvals/{id} to the approval page function', () => {
    const pageArn = synthesized.stack.getLogicalId(
      synthesized.stack.webhook.approvalPage.node.defaultChild as CfnElement,
    );
    for (const method of ['GET', 'POST']) {
      synthesized.template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: method,
        Integration: Match.objectLike({
          Type: 'AWS_PROXY',
          Uri: Match.objectLike({
            'Fn::Join': Match.arrayWith([
              Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': [pageArn, 'Arn'] })]),
            ]),
          }),
        }),
      });
    }
  });

  it('sends POST /admin/privacy/{action} to the data-protection function', () => {
    const method = route('POST', '/admin/privacy/{action}');

    expect(method).toMatchObject({ Integration: { Type: 'AWS_PROXY' }, ApiKeyRequired: false });
    expect(JSON.stringify(method?.Integration)).toContain(
      logicalId(synthesized.stack.privacy.privacyRequests),
    );
  });

  it('offers no other method', () => {
    expect(Object.keys(synthesized.template.findResources('AWS::ApiGateway::Method'))).toHaveLength(
      5,
    );
  });

  it("takes the voice platform's API key on its routes, and none on the approval pages", () => {
    expect(route('POST', '/webhook/automation/{flow_id}')?.ApiKeyRequired).toBe(true);
    expect(route('GET', '/executions/{id}')?.ApiKeyRequired).toBe(true);
    expect(route('GET', '/approvals/{id}')?.ApiKeyRequired).toBe(false);
    expect(route('POST', '/approvals/{id}')?.ApiKeyRequired).toBe(false);
  });

  it('meters the key with a usage plan at the stage limits, its value left to API Gateway', () => {
    const { template } = synthesized;

    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 25, BurstLimit: 50 },
      ApiStages: [Match.objectLike({ ApiId: { Ref: logicalId(synthesized.stack.webhook.api) } })],
    });
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    const keys = Object.values(template.findResources('AWS::ApiGateway::ApiKey'));
    expect(keys).toHaveLength(1);
    expect(keys[0]?.Properties).not.toHaveProperty('Value');
    expect(template.findOutputs('ApiKeyId')).toHaveProperty('ApiKeyId');
  });

  it('throttles every method of the stage as configured', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'test',
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 25,
          ThrottlingBurstLimit: 50,
        }),
      ],
    });
  });

  it('logs each request without its body, query or path values, and traces it', () => {
    const stage = Object.values(synthesized.template.findResources('AWS::ApiGateway::Stage'))[0]
      ?.Properties as {
      AccessLogSetting: { Format: string; DestinationArn: unknown };
      MethodSettings: Array<Record<string, unknown>>;
      TracingEnabled: boolean;
    };
    const fields = JSON.parse(stage.AccessLogSetting.Format) as Record<string, string>;

    expect(fields).toMatchObject({
      requestId: '$context.requestId',
      route: '$context.resourcePath',
      status: '$context.status',
    });
    expect(Object.values(fields).join(' ')).not.toMatch(
      /requestOverride|\.path\b|querystring|body|header/i,
    );
    expect(stage.MethodSettings[0]).toMatchObject({
      LoggingLevel: 'ERROR',
      DataTraceEnabled: false,
    });
    expect(stage.TracingEnabled).toBe(true);
    expect(JSON.stringify(stage.AccessLogSetting.DestinationArn)).toContain(
      logicalId(synthesized.stack.webhook.node.findChild('AccessLogs')),
    );
  });

  it('takes calls from anywhere when no allow-list is configured', () => {
    const api = Object.values(synthesized.template.findResources('AWS::ApiGateway::RestApi'))[0];

    expect(api?.Properties).not.toHaveProperty('Policy');
  });

  it("admits the voice platform's routes only from the allowed addresses", () => {
    const allowListed = synthesizeStack({
      settings: { ...COMPLETE_SETTINGS, allowedIps: ['203.0.113.0/24', '198.51.100.7'] },
      bundle: false,
    });
    const api = Object.values(allowListed.template.findResources('AWS::ApiGateway::RestApi'))[0];

    expect(api?.Properties.Policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
      },
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'execute-api:Invoke',
        Resource: ['execute-api:/*/GET/executions/*', 'execute-api:/*/POST/webhook/automation/*'],
        Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } },
      },
    ]);
  });

  it('is regional, so that calls stay in the configured region', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('names the API URL in the outputs', () => {
    expect(synthesized.template.findOutputs('ApiUrl')).toHaveProperty('ApiUrl');
  });
});
