/**
 * The watch on runs that ended outside the reach of their own catchers (see
 * functions/core/ended-runs.ts): EventBridge hands every Standard execution that failed, timed
 * out or was aborted to QueueFailedExecution, and a schedule has SweepStalledCalls hand over the
 * calls left without an outcome. An event that cannot be delivered or handled is kept in a
 * dead-letter queue, so that no ended run is lost without a trace.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { OPERATIONS_FUNCTIONS } from '../functions/catalog';
import type { DeploymentConfig } from './config';
import { grantOnExecutions } from './execution-permissions';
import { grantHandOver } from './hand-over-permissions';
import { HandlerFunction } from './handler-function';

export interface EndedRunWatchProps {
  config: DeploymentConfig;
  /** The workflow configuration: both functions hand over as the task functions do. */
  environment: Record<string, string>;
  calls: ITable;
  manualQueue: IQueue;
  /** The Standard workflows; an Express run that ends badly is found by the sweep instead. */
  standardMachines: StateMachine[];
}

/** How often the sweep looks for calls left without an outcome. */
const SWEEP_EVERY = Duration.minutes(5);

export class EndedRunWatch extends Construct {
  readonly queueFailedExecution: HandlerFunction;
  readonly sweepStalledCalls: HandlerFunction;
  readonly endedExecutions: Rule;
  readonly sweepSchedule: Rule;
  /** Events EventBridge could not deliver, and events the functions gave up on. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: EndedRunWatchProps) {
    super(scope, id);
    const { config, environment, calls, manualQueue, standardMachines } = props;

    // Both kinds of message carry the event itself as their body, so that it can be sent again.
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const shared = { environment, memorySize: 256, logRetention: config.logRetentionDays };

    this.queueFailedExecution = new HandlerFunction(this, 'QueueFailedExecution', {
      ...shared,
      entry: OPERATIONS_FUNCTIONS.QueueFailedExecution,
      description: 'Hands a Standard workflow run that ended badly to the manual queue',
      timeout: Duration.minutes(1),
      // Lambda's most; the hand-over does each of its parts once however often it runs.
      asyncInvoke: { retryAttempts: 2, deadLetterQueue: this.deadLetters },
    });
    grantHandOver(this.queueFailedExecution, {
      calls,
      manualQueue,
      senders: [config.emailFrom],
    });
    calls.grant(this.queueFailedExecution, 'dynamodb:UpdateItem');
    // The event leaves out an execution's input when it is large; the function reads it then.
    grantOnExecutions(
      this.queueFailedExecution,
      standardMachines,
      'states:DescribeExecution',
      'the function reads the input of any run of the Standard workflows that ended badly.',
    );

    this.endedExecutions = new Rule(this, 'EndedExecutions', {
      description: 'Standard workflow runs that failed, timed out or were aborted',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
          stateMachineArn: standardMachines.map((machine) => machine.stateMachineArn),
        },
      },
      targets: [
        new LambdaFunction(this.queueFailedExecution, {
          deadLetterQueue: this.deadLetters,
          // The longest EventBridge keeps trying to deliver, so that an outage of Lambda
          // itself does not drop a run.
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    this.sweepStalledCalls = new HandlerFunction(this, 'SweepStalledCalls', {
      ...shared,
      entry: OPERATIONS_FUNCTIONS.SweepStalledCalls,
      description: 'Hands the calls whose run recorded no outcome to the manual queue',
      // Shorter than the interval, so that one sweep has ended before the next begins.
      timeout: SWEEP_EVERY.minus(Duration.minutes(1)),
      // The next sweep is the retry; a failed one is kept to show that sweeps are failing.
      asyncInvoke: { retryAttempts: 0, deadLetterQueue: this.deadLetters },
    });
    grantHandOver(this.sweepStalledCalls, { calls, manualQueue, senders: [config.emailFrom] });
    calls.grant(this.sweepStalledCalls, 'dynamodb:Scan', 'dynamodb:UpdateItem');

    this.sweepSchedule = new Rule(this, 'SweepSchedule', {
      description: 'Looks for calls left without an outcome',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [
        new LambdaFunction(this.sweepStalledCalls, {
          deadLetterQueue: this.deadLetters,
          retryAttempts: 2,
          // A tick older than the interval has been overtaken by the next one.
          maxEventAge: SWEEP_EVERY,
        }),
      ],
    });
  }
}
