import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStack, synthesizeStack } from './synthesized-stack';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ bundle: false });
}, 60_000);

const logicalId = (construct: IConstruct) =>
  synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const resource = (construct: IConstruct) =>
  synthesized.template.toJSON().Resources[logicalId(construct)] as {
    Properties: Record<string, unknown>;
  };
const watch = () => synthesized.stack.endedRunWatch;

describe('the watch on Standard runs that ended badly', () => {
  it('hears of every high-value and SLA watch run that failed, timed out or was aborted', () => {
    const { stateMachines } = synthesized.stack.workflows;

    expect(resource(watch().endedExecutions).Properties.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
        stateMachineArn: [
          { Ref: logicalId(stateMachines['high-value']) },
          { Ref: logicalId(stateMachines['sla-watch']) },
        ],
      },
    });
    expect(resource(watch().endedExecutions).Properties.State).toBe('ENABLED');
  });

  it('hands each one to QueueFailedExecution, keeping what it cannot deliver', () => {
    expect(resource(watch().endedExecutions).Properties.Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: arnOf(watch().queueFailedExecution),
        DeadLetterConfig: { Arn: arnOf(watch().deadLetters) },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
      },
    ]);
    synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: arnOf(watch().queueFailedExecution),
      SourceArn: arnOf(watch().endedExecutions),
    });
  });

  it('lets QueueFailedExecution try an event three times, then keeps it', () => {
    expect(resource(watch().queueFailedExecution).Properties.DeadLetterConfig).toEqual({
      TargetArn: arnOf(watch().deadLetters),
    });
    synthesized.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(watch().queueFailedExecution) },
      MaximumRetryAttempts: 2,
    });
  });
});

describe('the sweep of calls left without an outcome', () => {
  it('runs every 5 minutes, keeping a tick it cannot deliver', () => {
    const schedule = resource(watch().sweepSchedule).Properties;

    expect(schedule).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(schedule.Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: arnOf(watch().sweepStalledCalls),
        DeadLetterConfig: { Arn: arnOf(watch().deadLetters) },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      },
    ]);
  });

  it('ends one sweep before the next begins, and keeps a failed one instead of retrying it', () => {
    const sweep = resource(watch().sweepStalledCalls).Properties;

    expect(sweep.Timeout).toBeLessThan(300);
    expect(sweep.DeadLetterConfig).toEqual({ TargetArn: arnOf(watch().deadLetters) });
    synthesized.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(watch().sweepStalledCalls) },
      MaximumRetryAttempts: 0,
    });
  });
});

describe('the dead-letter queue', () => {
  it('is encrypted, keeps messages 14 days and refuses unencrypted connections', () => {
    expect(resource(watch().deadLetters).Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(watch().deadLetters) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('takes messages from EventBridge for these two rules only', () => {
    const policies = synthesized.template.findResources('AWS::SQS::QueuePolicy', {
      Properties: { Queues: [{ Ref: logicalId(watch().deadLetters) }] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
    );
    const allowed = statements.filter((statement) => statement.Effect === 'Allow');

    expect(allowed.map((statement) => statement.Condition)).toEqual([
      { ArnEquals: { 'aws:SourceArn': arnOf(watch().endedExecutions) } },
      { ArnEquals: { 'aws:SourceArn': arnOf(watch().sweepSchedule) } },
    ]);
    for (const statement of allowed) {
      expect(statement).toMatchObject({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
      });
    }
  });
});

describe('the watch functions', () => {
  it.each(['queueFailedExecution', 'sweepStalledCalls'] as const)(
    '%s reads the workflow configuration, the admin included',
    (name) => {
      const { stack } = synthesized;
      const variables = (
        resource(watch()[name]).Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;

      expect(variables).toMatchObject({
        CALLS_TABLE: { Ref: logicalId(stack.storage.calls) },
        MANUAL_QUEUE_URL: { Ref: logicalId(stack.storage.manualQueue) },
        ADMIN_EMAIL: 'ops@voice-automation.example',
        EMAIL_FROM: 'sales@voice-automation.example',
        SLACK_BASE_URL: 'https://chat.example.com',
        SLACK_TOKEN_SECRET_NAME: 'voice-automation/test/slack-token',
      });
      expect(variables).not.toHaveProperty('WEBHOOK_TOKENS_SECRET_NAME');
      expect(variables).not.toHaveProperty('SLACK_TOKEN');
    },
  );
});
