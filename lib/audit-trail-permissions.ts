/**
 * Writing to the audit trail (functions/core/audit-trail.ts): its entries share the calls table
 * with the call records, so a grant reaches the trails' items only, and may only append there.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** A trail is `audit#<executionId>` (or `audit#privacy_…`, `audit#refusals-…`). */
export const AUDIT_KEY_PATTERN = 'audit#*';

export function grantAuditTrail(fn: IFunction, calls: ITable): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [calls.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_KEY_PATTERN] } },
    }),
  );
}
