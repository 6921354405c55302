import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_FUNCTIONS, type TaskFunctionName } from '../../functions/catalog';
import { actionsOf, managedPoliciesOf, statementsOf } from './iam-statements';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct | undefined) =>
  synthesized.stack.getLogicalId(construct?.node.defaultChild as CfnElement);
const statementsOfRole = (construct: IConstruct | undefined) =>
  statementsOf(synthesized.template, logicalId(construct));

/** What a task function may do in AWS besides writing its logs; the others may do nothing. */
const NEEDED_ACTIONS: Partial<Record<TaskFunctionName, string[]>> = {
  FinishLead: ['dynamodb:UpdateItem'],
  RecordFailure: ['dynamodb:UpdateItem'],
  SendEmail: ['ses:SendEmail', 'ses:SendRawEmail'],
  SendSms: ['sns:Publish'],
};
const TASK_ACTIONS = (Object.keys(TASK_FUNCTIONS) as TaskFunctionName[]).map(
  (name) => [name, NEEDED_ACTIONS[name] ?? []] as const,
);

describe('the intake role', () => {
  it('may start the lead workflow synchronously and use the calls table, and nothing else', () => {
    const { stack } = synthesized;
    const statements = statementsOfRole(stack.webhook.intake.role);

    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartSyncExecution',
      Resource: { Ref: logicalId(stack.workflows.stateMachines.lead) },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      Resource: { 'Fn::GetAtt': [logicalId(stack.storage.calls), 'Arn'] },
    });
    expect(statements).toHaveLength(2);
  });

  it('has no wildcard action', () => {
    const actions = actionsOf(statementsOfRole(synthesized.stack.webhook.intake.role));

    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });
});

describe('the executions role', () => {
  it('may only read call records', () => {
    const { stack } = synthesized;
    const statements = statementsOfRole(stack.webhook.executions.role);

    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: { 'Fn::GetAtt': [logicalId(stack.storage.calls), 'Arn'] },
      },
    ]);
  });
});

describe('the task roles', () => {
  it.each(TASK_ACTIONS)('%s may do only what its task needs', (name, actions) => {
    const fn = synthesized.stack.workflows.taskFunctions[name];

    expect(actionsOf(statementsOfRole(fn.role))).toEqual(actions);
    expect(managedPoliciesOf(synthesized.template, logicalId(fn.role))).toEqual([
      'AWSLambdaBasicExecutionRole',
    ]);
  });

  it('lets the finishing tasks update only the calls table', () => {
    const { stack } = synthesized;
    const table = { 'Fn::GetAtt': [logicalId(stack.storage.calls), 'Arn'] };

    for (const fn of [
      stack.workflows.taskFunctions.FinishLead,
      stack.workflows.taskFunctions.RecordFailure,
    ]) {
      expect(statementsOfRole(fn.role).map((statement) => statement.Resource)).toEqual([table]);
    }
  });

  it('lets SendEmail send only as the configured sender or its domain', () => {
    const [statement] = statementsOfRole(synthesized.stack.workflows.taskFunctions.SendEmail.role);
    const resources = JSON.stringify(statement?.Resource);

    expect(resources).toContain(':identity/sales@voice-automation.example');
    expect(resources).toContain(':identity/voice-automation.example');
    expect(resources).not.toContain('identity/*');
  });
});
