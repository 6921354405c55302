/**
 * The operations dashboard: the reference's metrics (success rate, execution time, error rate
 * by workflow, retry rate, partial success rate, queue depth) with their thresholds drawn in,
 * the workflows' failed runs, and the state of every alarm.
 */
import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  ANSWERING_WORKFLOWS,
  answerShare,
  answerTime,
  DONE_STATUSES,
  ERROR_STATUSES,
  eachSeries,
  retryRate,
  SUCCESS_STATUSES,
  slowAnswers,
} from './call-metrics';

export interface OperationsDashboardProps {
  name: string;
  manualQueue: IQueue;
  deadLetterQueues: Record<string, IQueue>;
  stateMachines: Record<string, StateMachine>;
  alarms: Alarm[];
}

const PERIOD = Duration.minutes(5);
const line = (value: number, label: string, color?: string): HorizontalAnnotation => ({
  value,
  label,
  ...(color ? { color } : {}),
});
const CRITICAL = '#d62728';
const TARGET = '#2ca02c';
const percent = { min: 0, max: 100, label: '%', showUnits: false };

export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const graph = (
      title: string,
      options: Omit<ConstructorParameters<typeof GraphWidget>[0], 'title'>,
    ) => new GraphWidget({ title, width: 8, height: 6, period: PERIOD, ...options });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown:
          '# Voice call automation\nTargets and alarms from the reference: success rate > 95 % ' +
          '(critical < 90 %), execution time < 5 s (critical > 10 s for more than 10 calls), ' +
          'error rate (critical > 20 % over 2 min), retry rate < 10 % (warning > 15 %), manual ' +
          'queue (warning > 50). Handled = completed or waiting for approval.',
      }),
    );
    this.dashboard.addWidgets(
      graph('Success rate', {
        left: [answerShare(SUCCESS_STATUSES, 'Handled (%)', PERIOD)],
        leftYAxis: percent,
        leftAnnotations: [line(95, 'target', TARGET), line(90, 'critical', CRITICAL)],
      }),
      graph('Partial success rate', {
        left: [answerShare(DONE_STATUSES, 'At least partly done (%)', PERIOD)],
        leftYAxis: percent,
        leftAnnotations: [line(98, 'target', TARGET), line(90, 'critical', CRITICAL)],
      }),
      graph('Error rate by workflow', {
        left: ANSWERING_WORKFLOWS.map((workflow) =>
          answerShare(ERROR_STATUSES, `${workflow}: failed or handed over (%)`, PERIOD, [workflow]),
        ),
        leftYAxis: percent,
        leftAnnotations: [line(20, 'critical', CRITICAL)],
      }),
    );
    this.dashboard.addWidgets(
      graph('Execution time', {
        left: ANSWERING_WORKFLOWS.flatMap((workflow) =>
          ['p50', 'p95', 'p99'].map((statistic) =>
            answerTime(workflow, statistic)(PERIOD).with({ label: `${workflow} ${statistic}` }),
          ),
        ),
        leftYAxis: { min: 0, label: 'ms', showUnits: false },
        leftAnnotations: [line(5000, 'target', TARGET), line(10_000, 'budget', CRITICAL)],
      }),
      graph('Answers slower than the budget', { left: [slowAnswers(PERIOD)] }),
      graph('Calls answered by workflow and status', {
        left: [eachSeries('CallsAnswered', ['Workflow', 'Status'], PERIOD, '')],
        stacked: true,
      }),
    );
    this.dashboard.addWidgets(
      graph('Retry rate', {
        left: [retryRate(PERIOD)],
        leftYAxis: percent,
        leftAnnotations: [line(10, 'target', TARGET), line(15, 'warning', CRITICAL)],
      }),
      graph('Steps failed for good, by workflow', {
        left: [eachSeries('StepFailures', ['Workflow'], PERIOD, '')],
        right: [eachSeries('Fallbacks', ['Workflow'], PERIOD, 'fallbacks')],
      }),
      graph('Manual processing queue', {
        left: [
          props.manualQueue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            label: 'jobs waiting',
          }),
          ...Object.entries(props.deadLetterQueues).map(([name, queue]) =>
            queue.metricApproximateNumberOfMessagesVisible({
              statistic: 'Maximum',
              label: `${name} dead letters`,
            }),
          ),
        ],
        right: [eachSeries('ManualJobsQueued', ['Workflow', 'Kind'], PERIOD, 'queued')],
        leftAnnotations: [line(50, 'warning', CRITICAL)],
      }),
    );
    this.dashboard.addWidgets(
      graph('Workflow runs that failed, timed out or were aborted', {
        width: 16,
        left: Object.entries(props.stateMachines).flatMap(([name, machine]) => [
          machine.metricFailed({ statistic: 'Sum', label: `${name} failed` }),
          machine.metricTimedOut({ statistic: 'Sum', label: `${name} timed out` }),
          machine.metricAborted({ statistic: 'Sum', label: `${name} aborted` }),
        ]),
      }),
      new AlarmStatusWidget({ title: 'Alarms', width: 8, height: 6, alarms: props.alarms }),
    );
  }
}
