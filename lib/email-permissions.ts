/**
 * SES authorizes a send against the verified identity the message goes out from: the address
 * itself or its domain. So a function may send only as the senders it uses.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * A sender not configured yet allows any identity of the account, so that a synth without it
 * still works (it warns about the missing setting).
 */
export function grantSendEmailAs(fn: IFunction, senders: Array<string | undefined>): void {
  const stack = Stack.of(fn);
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });

  const names = senders.flatMap((sender) => {
    const domain = sender?.split('@')[1];
    return sender && domain ? [sender, domain] : ['*'];
  });
  const identities = names.includes('*') ? ['*'] : [...new Set(names)];

  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: identities.map(identity),
    }),
  );
}
