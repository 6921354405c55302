/**
 * The calls table: one record per delivery key, holding the claim, the stored answer and the
 * outcome of the workflow run. Records expire by DynamoDB TTL, which is how retention is kept.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export class CallStorage extends Construct {
  readonly calls: Table;

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
  }
}
