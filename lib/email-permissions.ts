/**
 * SES authorizes a send against the verified identity the message goes out from: the address
 * itself or its domain. So a function may send only as the senders it uses.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * A sender not configured yet allows nothing: the functions refuse to run without one, and the
 * synth warns about the missing setting.
 */
export function grantSendEmailAs(fn: IFunction, senders: Array<string | undefined>): void {
  const stack = Stack.of(fn);
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });

  const names = senders.flatMap((sender) => {
    const domain = sender?.split('@')[1];
    return sender && domain ? [sender, domain] : [];
  });
  if (names.length === 0) return;

  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [...new Set(names)].map(identity),
    }),
  );
}
