/**
 * Metrics in CloudWatch's embedded metric format: one JSON line per data point on standard
 * output, which Lambda ships to CloudWatch Logs and CloudWatch turns into metrics. A sink can be
 * set instead (the local stack keeps counts for its page; tests capture them).
 */

export const METRICS_NAMESPACE = 'VoiceCallAutomation';

/** The metrics the functions send; the dashboard and alarms refer to these names. */
export type MetricName =
  /** A call answered by the intake, by workflow and answer status (completed, partial, ...). */
  | 'CallsAnswered'
  /** From receiving a call to answering it, in milliseconds, by workflow. */
  | 'AnswerTime'
  /** An attempt of an outside step: with StepRetries, the retry rate. */
  | 'StepAttempts'
  /** An outside step ran again after a failed attempt. */
  | 'StepRetries'
  /** An outside step failed for good, after its last try or with an error not worth retrying. */
  | 'StepFailures'
  /** A workflow's fallback direct call ran (whatever it achieved). */
  | 'Fallbacks'
  /** A job went to the manual processing queue. */
  | 'ManualJobsQueued'
  /** A queued job was replayed by an operator. */
  | 'ManualJobsReplayed';

export type MetricUnit = 'Count' | 'Milliseconds';

export interface MetricPoint {
  name: MetricName;
  value: number;
  unit: MetricUnit;
  /** Low-cardinality dimensions only: workflow, step, reason kind. */
  dimensions: Record<string, string>;
  timestamp: number;
}

export type MetricsSink = (point: MetricPoint) => void;

function embeddedMetricLine(point: MetricPoint): string {
  return JSON.stringify({
    _aws: {
      Timestamp: point.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [Object.keys(point.dimensions)],
          Metrics: [{ Name: point.name, Unit: point.unit }],
        },
      ],
    },
    ...point.dimensions,
    [point.name]: point.value,
  });
}

const standardOutput: MetricsSink = (point) => {
  if (process.env.METRICS_DISABLED === 'true') return;
  process.stdout.write(`${embeddedMetricLine(point)}\n`);
};

let sink: MetricsSink = standardOutput;

/** Replaces where metrics go; without an argument they go to standard output again. */
export function setMetricsSink(next?: MetricsSink): void {
  sink = next ?? standardOutput;
}

export function recordMetric(
  name: MetricName,
  value: number,
  unit: MetricUnit,
  dimensions: Record<string, string>,
): void {
  try {
    sink({ name, value, unit, dimensions, timestamp: Date.now() });
  } catch {
    // A metric that cannot be written must never fail the step it describes.
  }
}

export function countMetric(name: MetricName, dimensions: Record<string, string>, value = 1) {
  recordMetric(name, value, 'Count', dimensions);
}

export { embeddedMetricLine };
