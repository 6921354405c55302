import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countMetric,
  embeddedMetricLine,
  type MetricPoint,
  setMetricsSink,
} from '../../../functions/core/metrics';

afterEach(() => {
  setMetricsSink();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('metrics', () => {
  it('writes a point in the embedded metric format CloudWatch reads from the logs', () => {
    const line = embeddedMetricLine({
      name: 'ManualJobsQueued',
      value: 1,
      unit: 'Count',
      dimensions: { Workflow: 'lead', Kind: 'failed-run' },
      timestamp: 1_765_000_000_000,
    });

    expect(JSON.parse(line)).toEqual({
      _aws: {
        Timestamp: 1_765_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'VoiceCallAutomation',
            Dimensions: [['Workflow', 'Kind']],
            Metrics: [{ Name: 'ManualJobsQueued', Unit: 'Count' }],
          },
        ],
      },
      Workflow: 'lead',
      Kind: 'failed-run',
      ManualJobsQueued: 1,
    });
  });

  it('prints one line per point on standard output, unless metrics are disabled', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    countMetric('StepRetries', { Workflow: 'support' });
    vi.stubEnv('METRICS_DISABLED', 'true');
    countMetric('StepRetries', { Workflow: 'support' });

    expect(write).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(write.mock.calls[0]?.[0]))).toMatchObject({ StepRetries: 1 });
  });

  it('never lets a failing sink fail the step it describes', () => {
    const seen: MetricPoint[] = [];
    setMetricsSink((point) => {
      seen.push(point);
      throw new Error('sink down');
    });

    expect(() => countMetric('Fallbacks', { Workflow: 'lead' })).not.toThrow();
    expect(seen.map((point) => point.name)).toEqual(['Fallbacks']);
  });
});
