/**
 * What a hand-over to people needs (functions/core/hand-over.ts): it reads the run's failed
 * steps from the ledger and records each of its own sub-steps there, tells the admin by e-mail
 * (and chat, over HTTPS), puts the job on the manual processing queue, and records that in the
 * call's audit trail.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { grantAuditTrail } from './audit-trail-permissions';
import { grantSendEmailAs } from './email-permissions';
import { grantStepLedger } from './step-ledger-permissions';

export interface HandOverResources {
  calls: ITable;
  manualQueue: IQueue;
  /** The senders its e-mails go out as: the admin's notice and any fallback's. */
  senders: Array<string | undefined>;
}

export function grantHandOver(fn: IFunction, resources: HandOverResources): void {
  grantStepLedger(fn, resources.calls, { collectRuns: true });
  // Sending is all it does with the queue; its URL comes from the environment.
  resources.manualQueue.grant(fn, 'sqs:SendMessage');
  grantSendEmailAs(fn, resources.senders);
  grantAuditTrail(fn, resources.calls);
}
