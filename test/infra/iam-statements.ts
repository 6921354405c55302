/** Reads what a role may do from a synthesized template, across all policies attached to it. */
import type { Template } from 'aws-cdk-lib/assertions';

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

interface PolicyResource {
  Properties: { Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } };
}

export function statementsOf(template: Template, roleLogicalId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as PolicyResource[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat()).sort();
}

/** Each action once, sorted: what a role may do, however its statements are cut. */
export function distinctActionsOf(statements: Statement[]): string[] {
  return [...new Set(actionsOf(statements))];
}

/** The managed policies of a role, by name (e.g. `AWSLambdaBasicExecutionRole`). */
export function managedPoliciesOf(template: Template, roleLogicalId: string): string[] {
  const role = template.toJSON().Resources[roleLogicalId] as {
    Properties: { ManagedPolicyArns?: unknown[] };
  };
  return (role.Properties.ManagedPolicyArns ?? []).map((arn) => {
    const text = JSON.stringify(arn);
    return text.slice(text.lastIndexOf('/') + 1).replace(/\W+$/, '');
  });
}

/**
 * What every function's role holds: writing to its own log group and sending X-Ray traces, and
 * reading its secrets by name.
 */
export function isEveryFunctionsOwn(statement: Statement): boolean {
  const actions = [statement.Action].flat();
  return actions.every(
    (action) =>
      action.startsWith('logs:') ||
      action.startsWith('xray:') ||
      action === 'secretsmanager:GetSecretValue',
  );
}
