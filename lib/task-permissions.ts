/**
 * What each task function may do in AWS beyond writing its own logs. Functions not named here
 * reach only outside services over HTTPS and get no AWS permission at all.
 */
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { TaskFunctionName } from '../functions/catalog';

export interface TaskResources {
  calls: ITable;
  approvals: ITable;
  manualQueue: IQueue;
  /** The sender address; sending is allowed only from it or its domain when it is known. */
  emailFrom: string | undefined;
  /** The support e-mails' sender, `emailFrom` when not set. */
  supportEmailFrom?: string | undefined;
}

export function grantTaskPermissions(
  functions: Record<TaskFunctionName, IFunction>,
  resources: TaskResources,
): void {
  // Both only update the outcome on the record the intake created.
  resources.calls.grant(functions.FinishLead, 'dynamodb:UpdateItem');
  resources.calls.grant(functions.HandOverFailedCall, 'dynamodb:UpdateItem');
  resources.calls.grant(functions.FinishSupport, 'dynamodb:UpdateItem');
  resources.calls.grant(functions.FinishHighValue, 'dynamodb:UpdateItem');

  // Opening, renewing and reading an approval; closing it at the deadline.
  resources.approvals.grant(
    functions.RequestApproval,
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  );
  resources.approvals.grant(functions.ExpireApproval, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
  resources.manualQueue.grantSendMessages(functions.QueueManualJob);

  functions.SendEmail.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: senderIdentities(Stack.of(functions.SendEmail), resources.emailFrom),
    }),
  );

  functions.RequestApproval.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: senderIdentities(Stack.of(functions.RequestApproval), resources.emailFrom),
    }),
  );

  functions.SendSupportEmail.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: senderIdentities(
        Stack.of(functions.SendSupportEmail),
        resources.supportEmailFrom ?? resources.emailFrom,
      ),
    }),
  );

  // A text message to a phone number has no ARN to scope the permission to.
  functions.SendSms.addToRolePolicy(
    new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
  );
}

/** SES authorizes against the verified identity: the address itself or its domain. */
function senderIdentities(stack: Stack, emailFrom: string | undefined): string[] {
  const identity = (name: string) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
  const domain = emailFrom?.split('@')[1];
  if (!emailFrom || !domain) return [identity('*')];
  return [identity(emailFrom), identity(domain)];
}
