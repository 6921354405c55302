/**
 * The charts' data from the metric points the functions sent (functions/core/metrics.ts): the
 * success and partial success rates and the retry rate per time bucket, the distribution of
 * answer times, and the queue depth samples.
 */
import type { MetricPoint } from '../../functions/core/metrics';
import type { DepthSample } from './queue-depth';

export interface MetricSeries {
  /** Start of each bucket, epoch ms; the browser writes them in its own time zone. */
  buckets: number[];
  bucketMs: number;
  calls: number[];
  /** Percent of the calls answered in the bucket; `null` where none was. */
  successRate: Array<number | null>;
  partialSuccessRate: Array<number | null>;
  retryRate: Array<number | null>;
  answerTime: { bins: string[]; byWorkflow: Record<string, number[]> };
  queueDepth: DepthSample[];
  totals: {
    calls: number;
    successRate: number | null;
    retryRate: number | null;
    p50Ms: number | null;
    p95Ms: number | null;
    queueDepth: number | null;
    jobsQueued: number;
  };
}

/**
 * A success is a call answered `completed`, or `pending_approval` (processed, waiting for the
 * manager by design); a partial success also counts `partial`. `accepted` and `failed` are neither.
 */
const SUCCESS = new Set(['completed', 'pending_approval']);
const PARTIAL_SUCCESS = new Set([...SUCCESS, 'partial']);

const BUCKET_SIZES = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
const MOST_BUCKETS = 40;

const BIN_EDGES = [250, 500, 1000, 2000, 5000, 10_000];
const BIN_LABELS = ['< 250 ms', '250-500 ms', '0.5-1 s', '1-2 s', '2-5 s', '5-10 s', '10 s +'];

export function metricSeries(
  points: MetricPoint[],
  depth: DepthSample[],
  now = Date.now(),
): MetricSeries {
  const first = Math.min(now, ...points.map((point) => point.timestamp));
  const bucketMs =
    BUCKET_SIZES.find((size) => (now - first) / size < MOST_BUCKETS) ?? BUCKET_SIZES.at(-1) ?? 1000;
  const start = Math.floor(first / bucketMs) * bucketMs;
  const buckets = Array.from(
    { length: Math.floor((now - start) / bucketMs) + 1 },
    (_, index) => start + index * bucketMs,
  );
  const bucketOf = (point: MetricPoint) => Math.floor((point.timestamp - start) / bucketMs);
  const sums = (name: MetricPoint['name'], where: (point: MetricPoint) => boolean = () => true) => {
    const totals = buckets.map(() => 0);
    for (const point of points) {
      const index = bucketOf(point);
      if (point.name === name && where(point) && index >= 0 && index < totals.length) {
        totals[index] = (totals[index] ?? 0) + point.value;
      }
    }
    return totals;
  };
  const status = (set: Set<string>) => (point: MetricPoint) =>
    set.has(point.dimensions.Status ?? '');

  const calls = sums('CallsAnswered');
  const successes = sums('CallsAnswered', status(SUCCESS));
  const partials = sums('CallsAnswered', status(PARTIAL_SUCCESS));
  const attempts = sums('StepAttempts');
  const retries = sums('StepRetries');
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const times = points.filter((point) => point.name === 'AnswerTime').map((point) => point.value);

  return {
    buckets,
    bucketMs,
    calls,
    successRate: calls.map((count, index) => percent(successes[index] ?? 0, count)),
    partialSuccessRate: calls.map((count, index) => percent(partials[index] ?? 0, count)),
    retryRate: attempts.map((count, index) => percent(retries[index] ?? 0, count)),
    answerTime: answerTimeBins(points),
    queueDepth: depth,
    totals: {
      calls: total(calls),
      successRate: percent(total(successes), total(calls)),
      retryRate: percent(total(retries), total(attempts)),
      p50Ms: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      queueDepth: depth.at(-1)?.depth ?? null,
      jobsQueued: total(sums('ManualJobsQueued')),
    },
  };
}

function answerTimeBins(points: MetricPoint[]): MetricSeries['answerTime'] {
  const byWorkflow: Record<string, number[]> = {};
  for (const point of points) {
    if (point.name !== 'AnswerTime') continue;
    const workflow = point.dimensions.Workflow ?? 'unknown';
    byWorkflow[workflow] ??= BIN_LABELS.map(() => 0);
    const bin = BIN_EDGES.findIndex((edge) => point.value < edge);
    const index = bin < 0 ? BIN_LABELS.length - 1 : bin;
    const counts = byWorkflow[workflow];
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return { bins: BIN_LABELS, byWorkflow };
}

function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}
