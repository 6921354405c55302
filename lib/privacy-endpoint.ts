/**
 * The data-protection endpoint, `POST /admin/privacy/{export|erase}`: everything held on one
 * person, exported or erased (functions/privacy/). It finds the person's calls, records,
 * approvals and queued jobs, stops their long-running runs and erases their CRM contact; only
 * the admin tokens open it.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { API_FUNCTIONS } from '../functions/catalog';
import type { WebhookApi } from './api';
import type { DeploymentConfig } from './config';
import { grantOnExecutions } from './execution-permissions';
import { HandlerFunction } from './handler-function';

export interface PrivacyEndpointProps {
  config: DeploymentConfig;
  webhook: WebhookApi;
  /** The workflow configuration: the CRM connector is built from it. */
  environment: Record<string, string>;
  calls: ITable;
  approvals: ITable;
  manualQueue: IQueue;
  /** The Standard workflows, whose running executions of the person are stopped. */
  longRunning: { highValue: StateMachine; slaWatch: StateMachine };
}

export class PrivacyEndpoint extends Construct {
  readonly privacyRequests: HandlerFunction;

  constructor(scope: Construct, id: string, props: PrivacyEndpointProps) {
    super(scope, id);
    const { config, calls, approvals, manualQueue, longRunning } = props;

    this.privacyRequests = new HandlerFunction(this, 'PrivacyRequests', {
      environment: {
        ...props.environment,
        HIGH_VALUE_STATE_MACHINE_ARN: longRunning.highValue.stateMachineArn,
        SLA_WATCH_STATE_MACHINE_ARN: longRunning.slaWatch.stateMachineArn,
      },
      logRetention: config.logRetentionDays,
      entry: API_FUNCTIONS.PrivacyRequests,
      description: 'Data-protection requests: export or erase everything held on a person',
      // API Gateway's own limit for an answer.
      timeout: Duration.seconds(29),
      memorySize: 512,
    });
    const fn = this.privacyRequests;

    // The person's index and records are found by key and by scan, erased in batches, and the
    // request recorded in the audit trails of their calls.
    calls.grant(
      fn,
      'dynamodb:GetItem',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      'dynamodb:UpdateItem',
    );
    approvals.grant(fn, 'dynamodb:Scan', 'dynamodb:BatchWriteItem');
    manualQueue.grant(fn, 'sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage');
    const machines = [longRunning.highValue, longRunning.slaWatch];
    for (const machine of machines) machine.grant(fn, 'states:ListExecutions');
    grantOnExecutions(
      fn,
      machines,
      'states:StopExecution',
      "an erasure stops whichever of the person's runs are still going.",
    );

    props.webhook.route(
      props.webhook.api.root.resourceForPath('admin/privacy/{action}'),
      'POST',
      fn,
      { apiKeyRequired: false, authenticatedBy: 'an admin bearer token, in the function' },
    );
  }
}
