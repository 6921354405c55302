/**
 * The workflows: one Lambda function per task of functions/catalog.ts and one state machine per
 * ASL file, deployed from the very files the local stack runs, with the task ARNs substituted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STATE_MACHINES, TASK_FUNCTIONS, type TaskFunctionName } from '../functions/catalog';
import type { DeploymentConfig } from './config';
import { workflowEnvironment } from './function-environment';
import { HandlerFunction, PROJECT_ROOT, TASK_TIMEOUT } from './handler-function';
import { grantTaskPermissions } from './task-permissions';

export type WorkflowName = keyof typeof STATE_MACHINES;

export interface WorkflowsProps {
  config: DeploymentConfig;
  calls: ITable;
  approvals: ITable;
  manualQueue: IQueue;
}

export class Workflows extends Construct {
  readonly taskFunctions: Record<TaskFunctionName, HandlerFunction>;
  readonly stateMachines: Record<WorkflowName, StateMachine>;
  /** The workflow configuration as the task functions read it. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const { config, calls, approvals, manualQueue } = props;

    const environment = workflowEnvironment(config, {
      callsTable: calls.tableName,
      approvalsTable: approvals.tableName,
      manualQueueUrl: manualQueue.queueUrl,
    });
    this.environment = environment;
    const functions = Object.entries(TASK_FUNCTIONS).map(([name, entry]) => [
      name,
      new HandlerFunction(this, name, {
        entry,
        description: `Workflow task ${name}`,
        environment,
        timeout: TASK_TIMEOUT,
        memorySize: 256,
        logRetention: config.logRetentionDays,
      }),
    ]);
    this.taskFunctions = Object.fromEntries(functions);
    grantTaskPermissions(this.taskFunctions, {
      calls,
      approvals,
      manualQueue,
      emailFrom: config.emailFrom,
      supportEmailFrom: config.supportEmailFrom,
    });

    const machines = Object.entries(STATE_MACHINES).map(([name, spec]) => [
      name,
      this.stateMachine(name, spec, config),
    ]);
    this.stateMachines = Object.fromEntries(machines);

    // The support workflow starts one SLA watch per escalated ticket, and only that machine.
    const slaWatch = this.stateMachines['sla-watch'];
    const { StartSlaWatch } = this.taskFunctions;
    StartSlaWatch.addEnvironment('SLA_WATCH_STATE_MACHINE_ARN', slaWatch.stateMachineArn);
    slaWatch.grantStartExecution(StartSlaWatch);

    // A lead above 90 starts the approval workflow, which only the approval steps answer.
    const highValue = this.stateMachines['high-value'];
    const { StartApproval, RequestApproval } = this.taskFunctions;
    StartApproval.addEnvironment('HIGH_VALUE_STATE_MACHINE_ARN', highValue.stateMachineArn);
    highValue.grantStartExecution(StartApproval);
    // By name, not by reference: the machine already depends on this function.
    RequestApproval.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [this.stateMachineArnOf('high-value', config)],
      }),
    );
  }

  /** A machine's ARN from its name, for grants to functions that the machine itself runs. */
  private stateMachineArnOf(name: WorkflowName, config: DeploymentConfig): string {
    return Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName(name, config),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private stateMachine(
    name: string,
    spec: (typeof STATE_MACHINES)[WorkflowName],
    config: DeploymentConfig,
  ): StateMachine {
    const definition = readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8');
    const tasks = taskReferences(spec.file, definition);
    const id = `${name.charAt(0).toUpperCase()}${name.slice(1)}Workflow`;

    const machine = new StateMachine(this, id, {
      stateMachineName: stateMachineName(name as WorkflowName, config),
      stateMachineType: StateMachineType[spec.type],
      // Inline rather than an S3 asset, so that `cdk diff` shows changes to the workflow itself.
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(
        tasks.map((task) => [`${task}Arn`, this.taskFunctions[task].functionArn]),
      ),
      logs: {
        // The vendedlogs prefix keeps the account's log resource policy from growing per machine.
        destination: new LogGroup(this, `${id}Logs`, {
          logGroupName: `/aws/vendedlogs/states/voice-automation-${config.stage}-${name}`,
          retention: config.logRetentionDays,
        }),
        level: LogLevel.ALL,
        // Execution data holds callers' personal data; the call record keeps what is needed.
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    // The unqualified ARNs the definition names, rather than grantInvoke's every version too.
    machine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: tasks.map((task) => this.taskFunctions[task].functionArn),
      }),
    );
    Validations.of(machine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'What Step Functions needs for its logging and X-Ray tracing: log delivery ' +
        '(logs:CreateLogDelivery and the like) and xray:PutTraceSegments accept no narrower ' +
        'resource. Every other statement of the role names its functions.',
    });
    return machine;
  }
}

/** Names fixed per stage, so that a grant can name a machine before it exists. */
function stateMachineName(name: WorkflowName, config: DeploymentConfig): string {
  return `voice-automation-${config.stage}-${name}`;
}

/** The task functions an ASL file names as `${<Name>Arn}`; an unknown name stops the synth. */
function taskReferences(file: string, definition: string): TaskFunctionName[] {
  const names = new Set([...definition.matchAll(/\$\{(\w+)Arn\}/g)].map((match) => match[1]));
  const known = Object.keys(TASK_FUNCTIONS);
  const unknown = [...names].filter((name) => !name || !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`${file} refers to ${unknown.join(', ')}, not in functions/catalog.ts`);
  }
  return [...names] as TaskFunctionName[];
}
