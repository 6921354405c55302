import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isEveryFunctionsOwn, statementsOf } from './iam-statements';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct | undefined) =>
  synthesized.stack.getLogicalId(construct?.node.defaultChild as CfnElement);
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const privacyRequests = () => synthesized.stack.privacy.privacyRequests;

describe('the data-protection function', () => {
  it("finds, erases and audits a person's records in the two tables, and nothing more", () => {
    const { storage } = synthesized.stack;
    const statements = statementsOf(synthesized.template, logicalId(privacyRequests().role)).filter(
      (statement) => !isEveryFunctionsOwn(statement),
    );
    const on = (construct: IConstruct) =>
      statements.filter((statement) =>
        JSON.stringify(statement.Resource).includes(logicalId(construct)),
      );

    expect(on(storage.calls)).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchWriteItem',
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
        ],
        Resource: arnOf(storage.calls),
      },
    ]);
    expect(on(storage.approvals)).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:BatchWriteItem', 'dynamodb:Scan'],
        Resource: arnOf(storage.approvals),
      },
    ]);
    expect(on(storage.manualQueue)).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'],
        Resource: arnOf(storage.manualQueue),
      },
    ]);
  });

  it('may stop the runs of the Standard workflows only, the ones that wait for days', () => {
    const { stateMachines } = synthesized.stack.workflows;
    const states = statementsOf(synthesized.template, logicalId(privacyRequests().role)).filter(
      (statement) => String(statement.Action).startsWith('states:'),
    );
    const text = JSON.stringify(states);

    expect(states.map((statement) => statement.Action).sort()).toEqual([
      'states:ListExecutions',
      'states:StopExecution',
    ]);
    expect(text).toContain(logicalId(stateMachines['high-value']));
    expect(text).toContain(logicalId(stateMachines['sla-watch']));
    expect(text).not.toContain(logicalId(stateMachines.lead));
    expect(text).not.toContain(logicalId(stateMachines.support));
  });

  it('is told the tables, the queue and the machines it works on', () => {
    const { stack } = synthesized;
    const fn = synthesized.template.toJSON().Resources[logicalId(privacyRequests())] as {
      Properties: { Environment: { Variables: Record<string, unknown> }; Timeout: number };
    };

    expect(fn.Properties.Environment.Variables).toMatchObject({
      CALLS_TABLE: { Ref: logicalId(stack.storage.calls) },
      APPROVALS_TABLE: { Ref: logicalId(stack.storage.approvals) },
      MANUAL_QUEUE_URL: { Ref: logicalId(stack.storage.manualQueue) },
      HIGH_VALUE_STATE_MACHINE_ARN: { Ref: logicalId(stack.workflows.stateMachines['high-value']) },
      SLA_WATCH_STATE_MACHINE_ARN: { Ref: logicalId(stack.workflows.stateMachines['sla-watch']) },
      ADMIN_TOKENS_SECRET_NAME: 'voice-automation/test/admin-tokens',
    });
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
  });
});
