/**
 * What the system keeps: the calls table (one record per delivery key, with the claim and the
 * outcome of the run), the approvals table, and the manual processing queue. Records expire by
 * DynamoDB TTL, which is how retention is kept.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
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

    // Call records, and approvals (functions/approval/approval-store.ts), kept a month after
    // their link expires.
    this.calls = this.recordTable('Calls');
    this.approvals = this.recordTable('Approvals');

    this.manualQueue = new Queue(this, 'ManualQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: a job waits for a person, maybe over a holiday.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.manualQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'The manual queue is where failed work ends: people and the queue command read it, ' +
        'and a job that fails its replay is queued again as a new job. A dead-letter queue ' +
        'would move jobs out of their sight; its depth alarm watches it instead.',
    });
  }

  /** A table of records keyed by `pk`, which the functions expire by `expiresAt`. */
  private recordTable(id: string): Table {
    return new Table(this, id, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      // Calls arrive in bursts during business hours and not at all at night.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // A KMS key DynamoDB manages: use shows in CloudTrail, and no key grants are needed.
      encryption: TableEncryption.AWS_MANAGED,
      // Written by the functions as epoch seconds; DynamoDB deletes the record some time after.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
