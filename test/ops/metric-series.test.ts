import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../functions/core/metrics';
import { metricSeries } from '../../local/ops/metrics-series';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function point(
  name: MetricPoint['name'],
  second: number,
  dimensions: Record<string, string>,
  value = 1,
): MetricPoint {
  return {
    name,
    value,
    unit: name === 'AnswerTime' ? 'Milliseconds' : 'Count',
    dimensions,
    timestamp: START + second * 1000,
  };
}
const answered = (second: number, status: string) =>
  point('CallsAnswered', second, { Workflow: 'lead', Status: status });

describe('the metrics charts', () => {
  it('count completed and pending approval as successes, and partial as a partial success', () => {
    const series = metricSeries(
      [
        answered(0, 'completed'),
        answered(0, 'pending_approval'),
        answered(0, 'partial'),
        answered(0, 'failed'),
      ],
      [],
      START + 500,
    );

    expect(series.calls).toEqual([4]);
    expect(series.successRate).toEqual([50]);
    expect(series.partialSuccessRate).toEqual([75]);
    expect(series.totals.successRate).toBe(50);
  });

  it('give the retry rate per time bucket, with a gap where nothing ran', () => {
    const series = metricSeries(
      [
        ...[0, 0, 0, 0].map((second) => point('StepAttempts', second, { Workflow: 'lead' })),
        point('StepRetries', 0, { Workflow: 'lead' }),
        point('StepAttempts', 5, { Workflow: 'lead' }),
      ],
      [],
      START + 5500,
    );

    expect(series.bucketMs).toBe(1000);
    expect(series.retryRate).toEqual([25, null, null, null, null, 0]);
    expect(series.totals.retryRate).toBe(20);
  });

  it('bin answer times by workflow, and take the median and the 95th percentile', () => {
    const times = [120, 180, 300, 900, 12_000].map((ms, index) =>
      point('AnswerTime', index, { Workflow: index < 4 ? 'lead' : 'support' }, ms),
    );

    const series = metricSeries(times, [{ at: START, depth: 2 }], START + 5000);

    expect(series.answerTime.byWorkflow).toEqual({
      lead: [2, 1, 1, 0, 0, 0, 0],
      support: [0, 0, 0, 0, 0, 0, 1],
    });
    expect(series.totals).toMatchObject({ p50Ms: 300, p95Ms: 12_000, queueDepth: 2 });
  });
});
