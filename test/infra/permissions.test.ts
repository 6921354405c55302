import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATE_MACHINES, TASK_FUNCTIONS, type TaskFunctionName } from '../../functions/catalog';
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
  HandOverFailedCall: ['dynamodb:UpdateItem'],
  SendEmail: ['ses:SendEmail', 'ses:SendRawEmail'],
  FinishSupport: ['dynamodb:UpdateItem'],
  SendSupportEmail: ['ses:SendEmail', 'ses:SendRawEmail'],
  StartSlaWatch: ['states:StartExecution'],
  SendSms: ['sns:Publish'],
  StartApproval: ['states:StartExecution'],
  RequestApproval: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'ses:SendEmail',
    'ses:SendRawEmail',
    'states:SendTaskFailure',
    'states:SendTaskHeartbeat',
    'states:SendTaskSuccess',
  ],
  ExpireApproval: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  QueueManualJob: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
  FinishHighValue: ['dynamodb:UpdateItem'],
};
const TASK_ACTIONS = (Object.keys(TASK_FUNCTIONS) as TaskFunctionName[]).map(
  (name) => [name, NEEDED_ACTIONS[name] ?? []] as const,
);

describe('the intake role', () => {
  it('may start the workflows calls name synchronously and use the calls table, and nothing else', () => {
    const { stack } = synthesized;
    const statements = statementsOfRole(stack.webhook.intake.role);

    const callable = Object.entries(STATE_MACHINES)
      .filter(([, machine]) => !('internal' in machine))
      .map(([name]) => ({
        Ref: logicalId(stack.workflows.stateMachines[name as keyof typeof STATE_MACHINES]),
      }));
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartSyncExecution',
      Resource: callable.length === 1 ? callable[0] : expect.arrayContaining(callable),
    });
    expect(JSON.stringify(statements)).not.toContain(
      logicalId(stack.workflows.stateMachines['sla-watch']),
    );
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

describe('the approval page role', () => {
  it('may read and decide approvals and answer the approval workflow, and nothing else', () => {
    const { stack } = synthesized;
    const actions = actionsOf(statementsOfRole(stack.webhook.approvalPage.role));

    expect([...actions].sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
    ]);
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
      stack.workflows.taskFunctions.HandOverFailedCall,
    ]) {
      expect(statementsOfRole(fn.role).map((statement) => statement.Resource)).toEqual([table]);
    }
  });

  it('lets StartSlaWatch start only the SLA watch, whose ARN it is given', () => {
    const { stack, template } = synthesized;
    const fn = stack.workflows.taskFunctions.StartSlaWatch;
    const watch = { Ref: logicalId(stack.workflows.stateMachines['sla-watch']) };

    expect(statementsOfRole(fn.role)).toEqual([
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: watch },
    ]);
    const resource = template.toJSON().Resources[logicalId(fn)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(resource.Properties.Environment.Variables.SLA_WATCH_STATE_MACHINE_ARN).toEqual(watch);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionString: Match.stringLikeRegexp('SLA watch of one support ticket'),
    });
  });

  it('lets SendEmail send only as the configured sender or its domain', () => {
    const [statement] = statementsOfRole(synthesized.stack.workflows.taskFunctions.SendEmail.role);
    const resources = JSON.stringify(statement?.Resource);

    expect(resources).toContain(':identity/sales@voice-automation.example');
    expect(resources).toContain(':identity/voice-automation.example');
    expect(resources).not.toContain('identity/*');
  });
});
