import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_FUNCTIONS,
  OPERATIONS_FUNCTIONS,
  STATE_MACHINES,
  TASK_FUNCTIONS,
} from '../../functions/catalog';
import { PROJECT_ROOT, TASK_TIMEOUT } from '../../lib/handler-function';
import { statementsOf } from './iam-statements';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct | undefined) =>
  synthesized.stack.getLogicalId(construct?.node.defaultChild as CfnElement);

describe('the calls table', () => {
  it('is keyed by pk, on demand, recoverable, encrypted and expires records by expiresAt', () => {
    synthesized.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // Encrypted with the AWS managed KMS key: SSE on, no SSEType or key of our own.
      SSESpecification: Match.exact({ SSEEnabled: true }),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('the functions', () => {
  it('deploys every catalog entry on Node.js 22 and arm64, traced with X-Ray', () => {
    const functions = Object.values(synthesized.template.findResources('AWS::Lambda::Function'));
    const catalog = { ...TASK_FUNCTIONS, ...API_FUNCTIONS, ...OPERATIONS_FUNCTIONS };

    expect(functions).toHaveLength(Object.keys(catalog).length);
    for (const { Properties } of functions) {
      expect(Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('gives the intake its time budget plus a margin, its configuration, secrets and queue', () => {
    const { stack, template } = synthesized;
    template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({
        Timeout: 11,
        MemorySize: 512,
        Environment: {
          Variables: Match.objectLike({
            TIME_BUDGET_MS: '8000',
            WEBHOOK_TOKENS_SECRET_NAME: 'voice-automation/test/webhook-tokens',
            CALLS_TABLE: { Ref: logicalId(stack.storage.calls) },
            LEAD_STATE_MACHINE_ARN: { Ref: logicalId(stack.workflows.stateMachines.lead) },
            MANUAL_QUEUE_URL: { Ref: logicalId(stack.storage.manualQueue) },
          }),
        },
      }),
    });
  });

  it('gives the task functions the connector settings of the workflow configuration', () => {
    const fn = synthesized.template.toJSON().Resources[
      logicalId(synthesized.stack.workflows.taskFunctions.PostChatMessage)
    ] as { Properties: { Environment: { Variables: Record<string, unknown> } } };

    expect(fn.Properties.Environment.Variables).toMatchObject({
      SLACK_BASE_URL: 'https://chat.example.com',
      SLACK_TOKEN_SECRET_NAME: 'voice-automation/test/slack-token',
      TEAM_INSIDE_EMAIL: 'inside@voice-automation.example',
    });
    expect(fn.Properties.Environment.Variables).not.toHaveProperty('WEBHOOK_TOKENS_SECRET_NAME');
  });
});

/** The Tasks of an ASL file that invoke a task function directly, wherever they are nested. */
function directTasks(file: string): Array<{ state: string; task: string; timeout: unknown }> {
  type State = {
    Type: string;
    Resource?: string;
    TimeoutSeconds?: number;
    Branches?: Array<{ States: Record<string, State> }>;
    ItemProcessor?: { States: Record<string, State> };
    Iterator?: { States: Record<string, State> };
  };
  const walk = (states: Record<string, State>): ReturnType<typeof directTasks> =>
    Object.entries(states).flatMap(([name, state]) => {
      const task = /^\$\{(\w+)Arn\}$/.exec(state.Resource ?? '')?.[1];
      const nested = [
        ...(state.Branches ?? []).map((branch) => branch.States),
        ...[state.ItemProcessor, state.Iterator].flatMap((inner) => (inner ? [inner.States] : [])),
      ];
      return [
        ...(state.Type === 'Task' && task
          ? [{ state: name, task, timeout: state.TimeoutSeconds }]
          : []),
        ...nested.flatMap(walk),
      ];
    });
  const definition = JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
  return walk(definition.States);
}

describe('the task timeouts', () => {
  const tasks = Object.values(STATE_MACHINES).flatMap((machine) =>
    directTasks(machine.file).map((task) => ({ ...task, file: machine.file })),
  );

  it('end a task function just before the Task that runs it would time out', () => {
    const { stack, template } = synthesized;
    const timeoutOf = (task: string) =>
      template.toJSON().Resources[
        logicalId(stack.workflows.taskFunctions[task as keyof typeof TASK_FUNCTIONS])
      ].Properties.Timeout as number;

    expect(tasks.length).toBeGreaterThan(0);
    for (const { file, state, task, timeout } of tasks) {
      const where = `${file} ${state}`;
      expect(timeoutOf(task), where).toBe(TASK_TIMEOUT.toSeconds());
      expect(timeout, where).toBeGreaterThan(timeoutOf(task));
      expect(timeout, where).toBeLessThanOrEqual(timeoutOf(task) + 2);
    }
  });
});

describe('the lead state machine', () => {
  const definitionFile = readFileSync(path.join(PROJECT_ROOT, STATE_MACHINES.lead.file), 'utf8');

  it('is an express workflow that logs every step without execution data, and is traced', () => {
    synthesized.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'EXPRESS',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('runs the ASL file as it is, with every task ARN substituted by a deployed function', () => {
    const { stack, template } = synthesized;
    const machine = template.toJSON().Resources[logicalId(stack.workflows.stateMachines.lead)];
    const { DefinitionString, DefinitionSubstitutions } = machine.Properties as {
      DefinitionString: string;
      DefinitionSubstitutions: Record<string, { 'Fn::GetAtt': [string, string] }>;
    };
    expect(DefinitionString).toBe(definitionFile);

    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
    let substituted = DefinitionString;
    for (const [placeholder, value] of Object.entries(DefinitionSubstitutions)) {
      expect(functionIds).toContain(value['Fn::GetAtt'][0]);
      expect(value['Fn::GetAtt'][1]).toBe('Arn');
      substituted = substituted.replaceAll(`\${${placeholder}}`, 'arn:aws:lambda:task');
    }
    expect(substituted).not.toContain('${');
  });

  it('may invoke exactly the task functions its definition names', () => {
    const { stack, template } = synthesized;
    const role = stack.workflows.stateMachines.lead.role;
    const invoke = statementsOf(template, logicalId(role)).filter(
      (statement) => statement.Action === 'lambda:InvokeFunction',
    );
    const named = [...definitionFile.matchAll(/\$\{(\w+)Arn\}/g)].map((match) => match[1]);
    const invoked = JSON.stringify(invoke.map((statement) => statement.Resource));
    const expected = [...new Set(named)].map((name) =>
      logicalId(stack.workflows.taskFunctions[name as keyof typeof TASK_FUNCTIONS]),
    );

    const allFunctionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
    const reachable = allFunctionIds.filter((id) => invoked.includes(`"${id}"`));
    expect(reachable.sort()).toEqual(expected.sort());
  });
});
