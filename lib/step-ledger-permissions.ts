/**
 * Access to the step ledger (functions/core/step-ledger.ts): its records share the calls table
 * with the call records, so a grant names the ledger's keys and reaches no call record.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** A step's record is `step#<executionId>#<step>`, a run's journal `run#<executionId>#...`. */
export const LEDGER_KEY_PATTERNS = ['step#*', 'run#*'];

export interface StepLedgerAccess {
  /** Reading a run's failed steps back in one batch, as a hand-over does. */
  collectRuns?: boolean;
}

export function grantStepLedger(fn: IFunction, calls: ITable, access: StepLedgerAccess = {}): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      // Only actions on items by key: `ForAllValues` also holds for a request that carries no
      // key at all (a Scan), so such an action here would reach the whole table.
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        ...(access.collectRuns ? ['dynamodb:BatchGetItem'] : []),
      ],
      resources: [calls.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': LEDGER_KEY_PATTERNS } },
    }),
  );
}
