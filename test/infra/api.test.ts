import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

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

  it('offers no other method', () => {
    expect(Object.keys(synthesized.template.findResources('AWS::ApiGateway::Method'))).toHaveLength(
      4,
    );
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

  it('is regional, so that calls stay in the configured region', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('names the API URL in the outputs', () => {
    expect(synthesized.template.findOutputs('ApiUrl')).toHaveProperty('ApiUrl');
  });
});
