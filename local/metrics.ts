/**
 * The local stack's metrics: what the functions would send to CloudWatch, kept in memory (the
 * newest points) instead of printed, for the stack's page and for tests.
 */
import { type MetricPoint, setMetricsSink } from '../functions/core/metrics';

const KEPT_POINTS = 10_000;

export interface LocalMetrics {
  points(): MetricPoint[];
  /** The sum of a metric, over the points whose dimensions include `where`. */
  total(name: MetricPoint['name'], where?: Record<string, string>): number;
  clear(): void;
  /** Gives the sink back to standard output. */
  detach(): void;
}

export function collectMetrics(): LocalMetrics {
  let kept: MetricPoint[] = [];
  setMetricsSink((point) => {
    kept.push(point);
    if (kept.length > KEPT_POINTS) kept = kept.slice(-KEPT_POINTS);
  });
  return {
    points: () => [...kept],
    total: (name, where = {}) =>
      kept
        .filter(
          (point) =>
            point.name === name &&
            Object.entries(where).every(([key, value]) => point.dimensions[key] === value),
        )
        .reduce((sum, point) => sum + point.value, 0),
    clear: () => {
      kept = [];
    },
    detach: () => setMetricsSink(),
  };
}
