/**
 * The reference's metrics, computed from what the functions emit (functions/core/metrics.ts).
 * An embedded metric is stored per dimension set exactly as emitted: CallsAnswered with both
 * Workflow and Status, the step metrics with Workflow alone. So a total over a dimension is a
 * sum over its known values, which alarms accept (they take no SEARCH), each filled with 0 so
 * that a quiet workflow does not blank the sum.
 */
import type { Duration } from 'aws-cdk-lib';
import { type IMetric, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { STATE_MACHINES } from '../functions/catalog';
import { METRICS_NAMESPACE, type MetricName } from '../functions/core/metrics';
import { OUTCOME_STATUSES, type OutcomeStatus } from '../functions/core/outcome';
import type { Workflow } from '../functions/intake/route';

/** The workflows a call's answer comes from (a high-value call answers from the lead flow). */
const ANSWERING: Record<Workflow, true> = { lead: true, support: true };
export const ANSWERING_WORKFLOWS = Object.keys(ANSWERING) as Workflow[];
/** The workflows whose steps count attempts, retries and failures. */
export const STEP_WORKFLOWS = Object.keys(STATE_MACHINES);

/** Answers that mean the call was handled: done, or waiting for a manager as designed. */
export const SUCCESS_STATUSES: OutcomeStatus[] = ['completed', 'pending_approval'];
/** Answers where at least part of the work was done. */
export const DONE_STATUSES: OutcomeStatus[] = ['completed', 'partial', 'pending_approval'];
/** Answers where the caller got no result: even the hand-over failed, or a person takes over. */
export const ERROR_STATUSES: OutcomeStatus[] = ['failed', 'accepted'];

/** Time above which an answer counts as slow (the caller's budget), in milliseconds. */
export const SLOW_ANSWER_MS = 10_000;

const id = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');

function emitted(name: MetricName, dimensions: Record<string, string>, statistic: string) {
  return (period: Duration) =>
    new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: dimensions,
      statistic,
      period,
    });
}

/** `FILL(a,0)+FILL(b,0)+…` over the given metrics, keyed by their expression ids. */
function filledSum(ids: string[]): string {
  return `(${ids.map((key) => `FILL(${key},0)`).join('+')})`;
}

export const callsAnswered = (workflow: string, status: string) =>
  emitted('CallsAnswered', { Workflow: workflow, Status: status }, 'Sum');

/** Every CallsAnswered metric of the given workflows, by expression id. */
function answeredMetrics(period: Duration, workflows: readonly string[]) {
  const metrics: Record<string, IMetric> = {};
  for (const workflow of workflows) {
    for (const status of OUTCOME_STATUSES) {
      metrics[id(workflow, status)] = callsAnswered(workflow, status)(period);
    }
  }
  return metrics;
}

/** The share of answers with one of `statuses`, in percent, over the given workflows. */
export function answerShare(
  statuses: readonly OutcomeStatus[],
  label: string,
  period: Duration,
  workflows: readonly string[] = ANSWERING_WORKFLOWS,
): MathExpression {
  const ids = (wanted: readonly string[]) =>
    workflows.flatMap((workflow) => wanted.map((status) => id(workflow, status)));
  return new MathExpression({
    expression: `100*${filledSum(ids(statuses))}/${filledSum(ids(OUTCOME_STATUSES))}`,
    usingMetrics: answeredMetrics(period, workflows),
    label,
    period,
  });
}

export const answerTime = (workflow: string, statistic: string) =>
  emitted('AnswerTime', { Workflow: workflow }, statistic);

/** How many answers took longer than the caller's budget, over all answering workflows. */
export function slowAnswers(period: Duration): MathExpression {
  const usingMetrics = Object.fromEntries(
    ANSWERING_WORKFLOWS.map((workflow) => [
      id('slow', workflow),
      answerTime(workflow, `TC(${SLOW_ANSWER_MS}:)`)(period),
    ]),
  );
  return new MathExpression({
    expression: filledSum(Object.keys(usingMetrics)),
    usingMetrics,
    label: `Answers slower than ${SLOW_ANSWER_MS / 1000} s`,
    period,
  });
}

export const stepMetric =
  (name: 'StepAttempts' | 'StepRetries' | 'StepFailures') => (workflow: string) =>
    emitted(name, { Workflow: workflow }, 'Sum');

/** Retries per attempt of an outside step, in percent, over every workflow. */
export function retryRate(period: Duration): MathExpression {
  const usingMetrics: Record<string, IMetric> = {};
  for (const workflow of STEP_WORKFLOWS) {
    usingMetrics[id('retries', workflow)] = stepMetric('StepRetries')(workflow)(period);
    usingMetrics[id('attempts', workflow)] = stepMetric('StepAttempts')(workflow)(period);
  }
  const of = (prefix: string) => STEP_WORKFLOWS.map((workflow) => id(prefix, workflow));
  return new MathExpression({
    expression: `100*${filledSum(of('retries'))}/${filledSum(of('attempts'))}`,
    usingMetrics,
    label: 'Retry rate (%)',
    period,
  });
}

/**
 * Every series of one emitted metric, one line per dimension value, for the dashboard (which,
 * unlike an alarm, takes SEARCH): a workflow added later shows up by itself.
 */
export function eachSeries(
  name: MetricName,
  dimensions: string[],
  period: Duration,
  label: string,
): MathExpression {
  const schema = [METRICS_NAMESPACE, ...dimensions].join(',');
  return new MathExpression({
    expression: `SEARCH('{${schema}} MetricName="${name}"', 'Sum', ${period.toSeconds()})`,
    usingMetrics: {},
    label,
    period,
  });
}
