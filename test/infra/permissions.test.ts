import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  OUTSIDE_TASKS,
  STATE_MACHINES,
  TASK_FUNCTIONS,
  type TaskFunctionName,
} from '../../functions/catalog';
import {
  actionsOf,
  distinctActionsOf,
  isEveryFunctionsOwn,
  managedPoliciesOf,
  statementsOf,
} from './iam-statements';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct | undefined) =>
  synthesized.stack.getLogicalId(construct?.node.defaultChild as CfnElement);
/**
 * What a role may do besides what every function may (write its own logs, send its traces) and
 * read its secrets: function-roles.test.ts holds those.
 */
const statementsOfRole = (construct: IConstruct | undefined) =>
  statementsOf(synthesized.template, logicalId(construct)).filter(
    (statement) => !isEveryFunctionsOwn(statement),
  );

/** Each action once, sorted, as `distinctActionsOf` answers. */
const actions = (...lists: string[][]) => [...new Set(lists.flat())].sort();

/** What an outside step does with its record and its run's journal. */
const STEP_LEDGER = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const SEND_EMAIL = ['ses:SendEmail', 'ses:SendRawEmail'];
/** The ledger, a batch read of the run's failed steps, the admin's e-mail and the queue. */
const HAND_OVER = actions(STEP_LEDGER, ['dynamodb:BatchGetItem'], SEND_EMAIL, ['sqs:SendMessage']);
const LEDGER_CONDITION = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['step#*', 'run#*'] },
};
/** Appending to a call's audit trail, and nothing else of the table. */
const AUDIT_TRAIL = () => ({
  Effect: 'Allow',
  Action: 'dynamodb:UpdateItem',
  Resource: callsTable(),
  Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['audit#*'] } },
});

/** What a task function may do in AWS besides writing its logs; the others may do nothing. */
const NEEDED_ACTIONS: Partial<Record<TaskFunctionName, string[]>> = {
  CrmFindContact: STEP_LEDGER,
  CrmCreateContact: STEP_LEDGER,
  CrmContactHistory: STEP_LEDGER,
  CrmUpdateContact: STEP_LEDGER,
  CrmCreateTask: STEP_LEDGER,
  EnrichCompany: STEP_LEDGER,
  SendEmail: actions(STEP_LEDGER, SEND_EMAIL),
  PostChatMessage: STEP_LEDGER,
  SendSms: actions(STEP_LEDGER, ['sns:Publish']),
  FinishLead: HAND_OVER,
  HandOverFailedCall: HAND_OVER,
  StartApproval: actions(STEP_LEDGER, ['states:StartExecution']),
  RequestApproval: actions(
    ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    SEND_EMAIL,
    ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
  ),
  ExpireApproval: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  CrmCreateDeal: STEP_LEDGER,
  QueueManualJob: HAND_OVER,
  FinishHighValue: HAND_OVER,
  OpenSupportTicket: STEP_LEDGER,
  SearchKnowledgeBase: STEP_LEDGER,
  FindSimilarTickets: STEP_LEDGER,
  UpdateSupportTicket: STEP_LEDGER,
  SendSupportEmail: actions(STEP_LEDGER, SEND_EMAIL),
  PostSupportChatMessage: STEP_LEDGER,
  FileTrackerIssue: STEP_LEDGER,
  StartSlaWatch: actions(STEP_LEDGER, ['states:StartExecution']),
  CheckTicketStatus: STEP_LEDGER,
  FinishSupport: HAND_OVER,
};
const TASK_ACTIONS = (Object.keys(TASK_FUNCTIONS) as TaskFunctionName[]).map(
  (name) => [name, NEEDED_ACTIONS[name] ?? []] as const,
);
const HAND_OVER_TASKS: TaskFunctionName[] = [
  'HandOverFailedCall',
  'FinishLead',
  'FinishSupport',
  'FinishHighValue',
  'QueueManualJob',
];

const callsTable = () => ({ 'Fn::GetAtt': [logicalId(synthesized.stack.storage.calls), 'Arn'] });
/** A role's statements on the calls table. */
const onCallsTable = (construct: IConstruct | undefined) =>
  statementsOfRole(construct).filter(
    (statement) => JSON.stringify(statement.Resource) === JSON.stringify(callsTable()),
  );

describe('the intake role', () => {
  it('may start the workflows calls name, use the calls table and queue a call, no more', () => {
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
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': [logicalId(stack.storage.manualQueue), 'Arn'] },
    });
    expect(statements).toHaveLength(3);
  });

  it('has no wildcard action', () => {
    const actions = actionsOf(statementsOfRole(synthesized.stack.webhook.intake.role));

    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });
});

describe('the approval page role', () => {
  it('may read and decide approvals, answer the approval workflow and audit, nothing else', () => {
    const { stack } = synthesized;
    const actions = actionsOf(statementsOfRole(stack.webhook.approvalPage.role));

    expect([...actions].sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
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

    expect(distinctActionsOf(statementsOfRole(fn.role))).toEqual(actions);
    expect(managedPoliciesOf(synthesized.template, logicalId(fn.role))).toEqual([]);
  });

  it.each(OUTSIDE_TASKS)('%s reaches only the step ledger in the calls table', (name) => {
    const fn = synthesized.stack.workflows.taskFunctions[name];

    expect(onCallsTable(fn.role)).toEqual([
      { Effect: 'Allow', Action: STEP_LEDGER, Resource: callsTable(), Condition: LEDGER_CONDITION },
      AUDIT_TRAIL(),
    ]);
  });

  it.each(HAND_OVER_TASKS)(
    '%s reads its run from the ledger by key and otherwise only updates call records',
    (name) => {
      const fn = synthesized.stack.workflows.taskFunctions[name];
      const statements = onCallsTable(fn.role);

      expect(statements).toContainEqual({
        Effect: 'Allow',
        Action: actions(STEP_LEDGER, ['dynamodb:BatchGetItem']),
        Resource: callsTable(),
        Condition: LEDGER_CONDITION,
      });
      expect(statements).toContainEqual(AUDIT_TRAIL());
      const unrestricted = statements.filter((statement) => !statement.Condition);
      expect(unrestricted).toEqual(
        name === 'QueueManualJob'
          ? []
          : [{ Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: callsTable() }],
      );
    },
  );

  it.each(HAND_OVER_TASKS)('%s may send to the manual queue and no other queue', (name) => {
    const { stack } = synthesized;
    const statements = statementsOfRole(stack.workflows.taskFunctions[name].role);

    expect(statements.filter((statement) => String(statement.Action).startsWith('sqs:'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [logicalId(stack.storage.manualQueue), 'Arn'] },
      },
    ]);
  });

  it('lets HandOverFailedCall send as the sales and support senders, the others as sales', () => {
    const senders = (name: TaskFunctionName) =>
      JSON.stringify(
        statementsOfRole(synthesized.stack.workflows.taskFunctions[name].role).filter((statement) =>
          statement.Action.includes('ses:SendEmail'),
        ),
      );

    expect(senders('HandOverFailedCall')).toContain(':identity/sales@voice-automation.example');
    expect(senders('HandOverFailedCall')).toContain(':identity/support@voice-automation.example');
    for (const name of HAND_OVER_TASKS.filter((task) => task !== 'HandOverFailedCall')) {
      expect(senders(name)).toContain(':identity/sales@voice-automation.example');
      expect(senders(name)).not.toContain('identity/support@');
      expect(senders(name)).not.toContain('identity/*');
    }
  });

  it('lets the tasks that end a run use no table but the calls table', () => {
    const { stack } = synthesized;

    for (const name of ['FinishLead', 'HandOverFailedCall', 'FinishSupport', 'FinishHighValue']) {
      const fn = stack.workflows.taskFunctions[name as TaskFunctionName];
      const tables = statementsOfRole(fn.role)
        .filter((statement) => String(statement.Action).includes('dynamodb:'))
        .map((statement) => statement.Resource);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) expect(table).toEqual(callsTable());
    }
  });

  it('lets StartSlaWatch start only the SLA watch, whose ARN it is given', () => {
    const { stack, template } = synthesized;
    const fn = stack.workflows.taskFunctions.StartSlaWatch;
    const watch = { Ref: logicalId(stack.workflows.stateMachines['sla-watch']) };

    const starts = statementsOfRole(fn.role).filter((statement) =>
      String(statement.Action).startsWith('states:'),
    );
    expect(starts).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: watch }]);
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
    const statement = statementsOfRole(
      synthesized.stack.workflows.taskFunctions.SendEmail.role,
    ).find((candidate) => candidate.Action.includes('ses:SendEmail'));
    const resources = JSON.stringify(statement?.Resource);

    expect(resources).toContain(':identity/sales@voice-automation.example');
    expect(resources).toContain(':identity/voice-automation.example');
    expect(resources).not.toContain('identity/*');
  });
});

describe('the roles of the watch on ended runs', () => {
  const watchFunctions = () => ({
    QueueFailedExecution: synthesized.stack.endedRunWatch.queueFailedExecution,
    SweepStalledCalls: synthesized.stack.endedRunWatch.sweepStalledCalls,
  });
  const WATCH_ACTIONS = [
    ['QueueFailedExecution', actions(HAND_OVER, ['states:DescribeExecution'])],
    ['SweepStalledCalls', actions(HAND_OVER, ['dynamodb:Scan'])],
  ] as const;

  it.each(WATCH_ACTIONS)('%s may hand over and do only what its watch needs', (name, needed) => {
    const fn = watchFunctions()[name];

    expect(distinctActionsOf(statementsOfRole(fn.role))).toEqual(needed);
    expect(managedPoliciesOf(synthesized.template, logicalId(fn.role))).toEqual([]);
  });

  it.each(WATCH_ACTIONS)('%s reads the ledger by key and otherwise only call records', (name) => {
    const statements = onCallsTable(watchFunctions()[name].role);

    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: actions(STEP_LEDGER, ['dynamodb:BatchGetItem']),
      Resource: callsTable(),
      Condition: LEDGER_CONDITION,
    });
    expect(statements).toContainEqual(AUDIT_TRAIL());
    expect(statements.filter((statement) => !statement.Condition)).toEqual([
      {
        Effect: 'Allow',
        Action:
          name === 'SweepStalledCalls'
            ? ['dynamodb:Scan', 'dynamodb:UpdateItem']
            : 'dynamodb:UpdateItem',
        Resource: callsTable(),
      },
    ]);
  });

  it.each(WATCH_ACTIONS)('%s may send to the manual queue and its dead letters only', (name) => {
    const { stack } = synthesized;
    const queues = statementsOfRole(watchFunctions()[name].role)
      .filter((statement) => String(statement.Action).startsWith('sqs:'))
      .flatMap((statement) => [statement.Resource].flat());

    expect(queues).toHaveLength(2);
    expect(queues).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [logicalId(stack.storage.manualQueue), 'Arn'] },
        { 'Fn::GetAtt': [logicalId(stack.endedRunWatch.deadLetters), 'Arn'] },
      ]),
    );
  });

  it('lets QueueFailedExecution read executions of the Standard workflows only', () => {
    const { stack } = synthesized;
    const reads = statementsOfRole(stack.endedRunWatch.queueFailedExecution.role).filter(
      (statement) => statement.Action === 'states:DescribeExecution',
    );
    const resources = JSON.stringify(reads.map((statement) => statement.Resource));
    const machine = (name: keyof typeof STATE_MACHINES) =>
      logicalId(stack.workflows.stateMachines[name]);

    expect(reads).toHaveLength(1);
    expect(resources.match(/:execution:/g)).toHaveLength(2);
    expect(resources).toContain(machine('high-value'));
    expect(resources).toContain(machine('sla-watch'));
    expect(resources).not.toContain(machine('lead'));
    expect(resources).not.toContain(machine('support'));
  });
});
