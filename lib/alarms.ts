/**
 * The alarms at the reference's thresholds, each telling the operations topic when it goes off
 * and when it clears. Critical: success rate below 90 % over 5 minutes, more than 10 answers
 * slower than 10 s, error rate above 20 % over 2 minutes. Warning: more than 50 jobs waiting in
 * the manual queue, retry rate above 15 %, any workflow run that failed, and anything in a
 * dead-letter queue. A period without calls alarms on nothing.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  answerShare,
  ERROR_STATUSES,
  retryRate,
  SLOW_ANSWER_MS,
  SUCCESS_STATUSES,
  slowAnswers,
} from './call-metrics';

export type Severity = 'critical' | 'warning';

export interface OperationsAlarmsProps {
  /** Prefix of the alarms' names, such as `voice-automation-prod`. */
  prefix: string;
  topic: ITopic;
  manualQueue: IQueue;
  deadLetterQueues: Record<string, IQueue>;
  stateMachines: Record<string, StateMachine>;
}

interface AlarmSpec {
  severity: Severity;
  name: string;
  description: string;
  metric: IMetric;
  threshold: number;
  comparison: ComparisonOperator;
}

const ABOVE = ComparisonOperator.GREATER_THAN_THRESHOLD;
const AT_LEAST = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const BELOW = ComparisonOperator.LESS_THAN_THRESHOLD;

export class OperationsAlarms extends Construct {
  readonly alarms: Record<string, Alarm> = {};

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);

    const specs: AlarmSpec[] = [
      {
        severity: 'critical',
        name: 'SuccessRate',
        description: 'Fewer than 90 % of the calls answered in 5 minutes were handled',
        metric: answerShare(SUCCESS_STATUSES, 'Success rate (%)', fiveMinutes),
        threshold: 90,
        comparison: BELOW,
      },
      {
        severity: 'critical',
        name: 'SlowAnswers',
        description: `More than 10 answers in 5 minutes took longer than ${SLOW_ANSWER_MS / 1000} s`,
        metric: slowAnswers(fiveMinutes),
        threshold: 10,
        comparison: ABOVE,
      },
      {
        severity: 'critical',
        name: 'ErrorRate',
        description: 'Over 20 % of the calls answered in 2 minutes failed or went to a person',
        metric: answerShare(ERROR_STATUSES, 'Error rate (%)', Duration.minutes(2)),
        threshold: 20,
        comparison: ABOVE,
      },
      {
        severity: 'warning',
        name: 'ManualQueueDepth',
        description: 'More than 50 jobs wait in the manual processing queue',
        metric: props.manualQueue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: fiveMinutes,
        }),
        threshold: 50,
        comparison: ABOVE,
      },
      {
        severity: 'warning',
        name: 'RetryRate',
        description: 'More than 15 % of the outside steps attempted in 5 minutes were retries',
        metric: retryRate(fiveMinutes),
        threshold: 15,
        comparison: ABOVE,
      },
      ...Object.entries(props.stateMachines).map(
        ([name, machine]): AlarmSpec => ({
          severity: 'warning',
          name: `${pascal(name)}WorkflowFailures`,
          description: `A run of the ${name} workflow failed, timed out or was aborted`,
          metric: endedBadly(machine, fiveMinutes),
          threshold: 1,
          comparison: AT_LEAST,
        }),
      ),
      ...Object.entries(props.deadLetterQueues).map(
        ([name, queue]): AlarmSpec => ({
          severity: 'warning',
          name: `${name}DeadLetters`,
          description: `Messages wait in the ${name} dead-letter queue: events nobody handled`,
          metric: queue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: fiveMinutes,
          }),
          threshold: 1,
          comparison: AT_LEAST,
        }),
      ),
    ];

    const action = new SnsAction(props.topic);
    for (const spec of specs) {
      const alarm = new Alarm(this, spec.name, {
        alarmName: `${props.prefix}-${spec.severity}-${spec.name}`,
        alarmDescription: `${spec.severity.toUpperCase()}: ${spec.description}.`,
        metric: spec.metric,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms[spec.name] = alarm;
    }
  }
}

/** Runs that failed, timed out or were aborted, Express and Standard alike. */
function endedBadly(machine: StateMachine, period: Duration): MathExpression {
  return new MathExpression({
    expression: 'FILL(failed,0)+FILL(timedOut,0)+FILL(aborted,0)',
    usingMetrics: {
      failed: machine.metricFailed({ period, statistic: 'Sum' }),
      timedOut: machine.metricTimedOut({ period, statistic: 'Sum' }),
      aborted: machine.metricAborted({ period, statistic: 'Sum' }),
    },
    label: 'Runs ended badly',
    period,
  });
}

const pascal = (name: string) =>
  name.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());
