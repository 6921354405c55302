/**
 * Grants on the executions of state machines. An execution is named when it starts, so such a
 * grant names the machine and leaves the execution open (`execution:<machine>:*`); cdk-nag's
 * wildcard finding on exactly that resource is acknowledged with the grant.
 */
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

/** `execution:<machine name>:*`: the runs of one machine, whatever they are named. */
function executionsOf(machine: StateMachine): string {
  return Stack.of(machine).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${machine.stateMachineName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** A resolved ARN as cdk-nag writes it in a finding's id: `{Ref: X}` as `<X>`, a GetAtt `<X.Y>`. */
function findingText(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as {
    'Fn::Join'?: [string, unknown[]];
    'Fn::GetAtt'?: [string, string];
    Ref?: string;
  };
  if (intrinsic['Fn::Join']) {
    const [delimiter, parts] = intrinsic['Fn::Join'];
    return parts.map(findingText).join(delimiter);
  }
  if (intrinsic['Fn::GetAtt']) return `<${intrinsic['Fn::GetAtt'].join('.')}>`;
  if (intrinsic.Ref) return `<${intrinsic.Ref}>`;
  return JSON.stringify(value);
}

export function grantOnExecutions(
  fn: LambdaFunction,
  machines: StateMachine[],
  action: string,
  reason: string,
): void {
  const resources = machines.map(executionsOf);
  fn.addToRolePolicy(new PolicyStatement({ actions: [action], resources }));

  const stack = Stack.of(fn);
  for (const resource of resources) {
    Validations.of(fn.role ?? fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${findingText(stack.resolve(resource))}]`,
      reason: `Executions are named when they start: ${reason}`,
    });
  }
}
