/**
 * What each task function may do in AWS beyond writing its own logs. Functions not named here
 * reach only outside services over HTTPS and get no AWS permission at all.
 */

import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { OUTSIDE_TASKS, type TaskFunctionName } from '../functions/catalog';
import { grantAuditTrail } from './audit-trail-permissions';
import { grantSendEmailAs } from './email-permissions';
import { grantHandOver } from './hand-over-permissions';
import { grantStepLedger } from './step-ledger-permissions';

export interface TaskResources {
  calls: ITable;
  approvals: ITable;
  manualQueue: IQueue;
  /** The sender address; sending is allowed only from it or its domain when it is known. */
  emailFrom: string | undefined;
  /** The support e-mails' sender, `emailFrom` when not set. */
  supportEmailFrom?: string | undefined;
}

/** The Tasks that hand work over to people when steps failed for good. */
const HAND_OVER_TASKS: TaskFunctionName[] = [
  'HandOverFailedCall',
  'FinishLead',
  'FinishSupport',
  'FinishHighValue',
  'QueueManualJob',
];

/** The Tasks that end a call's run: they store its outcome on the record the intake created. */
const OUTCOME_TASKS: TaskFunctionName[] = [
  'HandOverFailedCall',
  'FinishLead',
  'FinishSupport',
  'FinishHighValue',
];

export function grantTaskPermissions(
  functions: Record<TaskFunctionName, IFunction>,
  resources: TaskResources,
): void {
  const { calls, manualQueue, emailFrom } = resources;
  const supportEmailFrom = resources.supportEmailFrom ?? emailFrom;

  for (const name of OUTSIDE_TASKS) {
    grantStepLedger(functions[name], calls);
    // Each step's outcome goes to its call's audit trail.
    grantAuditTrail(functions[name], calls);
  }
  for (const name of HAND_OVER_TASKS) {
    // The admin's notice goes out as the sales sender; only a failed support call's fallback
    // writes to the technical team, as the support sender.
    const senders = name === 'HandOverFailedCall' ? [emailFrom, supportEmailFrom] : [emailFrom];
    grantHandOver(functions[name], { calls, manualQueue, senders });
  }
  for (const name of OUTCOME_TASKS) calls.grant(functions[name], 'dynamodb:UpdateItem');

  // Opening, renewing and reading an approval; closing it at the deadline.
  resources.approvals.grant(
    functions.RequestApproval,
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  );
  resources.approvals.grant(functions.ExpireApproval, 'dynamodb:GetItem', 'dynamodb:UpdateItem');

  grantSendEmailAs(functions.SendEmail, [emailFrom]);
  grantSendEmailAs(functions.RequestApproval, [emailFrom]);
  grantSendEmailAs(functions.SendSupportEmail, [supportEmailFrom]);

  // A text message to a phone number has no ARN to scope the permission to.
  functions.SendSms.addToRolePolicy(
    new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
  );
  Validations.of(functions.SendSms.role ?? functions.SendSms).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'SNS text messages go to phone numbers, which have no ARN: sns:Publish to a number takes ' +
      'no narrower resource, and the function publishes to no topic.',
  });
}
