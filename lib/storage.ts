/**
 * What the system keeps: the calls table (one record per delivery key, with the claim and the
 * outcome of the run), the approvals table, and the manual processing queue. Records expire by
 * DynamoDB TTL, which is how retention is kept.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class CallStorage extends Construct {
  readonly calls: Table;
  /** One item per manager approval: the task token, who may decide, the decision. */
  readonly approvals: Table;
  /** Jobs a person has to finish: the manual processing queue. */
  readonly manualQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.calls = new Table(this, 'Calls', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      // Calls arrive in bursts during business hours and not at all at night.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // A KMS key DynamoDB manages: use shows in CloudTrail, and no key grants are needed.
      encryption: TableEncryption.AWS_MANAGED,
      // Written by the functions as epoch seconds (functions/core/call-records.ts).
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.approvals = new Table(this, 'Approvals', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      // Written as epoch seconds (functions/approval/approval-store.ts): a month after the link.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.manualQueue = new Queue(this, 'ManualQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: a job waits for a person, maybe over a holiday.
      retentionPeriod: Duration.days(14),
    });
  }
}
