/**
 * The metrics as charts (Chart.js, drawn in the browser from /api/metrics): success rate, answer
 * time distribution, retry rate and queue depth over time, under the headline numbers.
 */
import { formatDuration } from './execution-summary';
import { type Html, html } from './html';
import type { MetricSeries } from './metrics-series';
import { layout } from './page-layout';

const CHARTS = [
  {
    id: 'success-rate',
    title: 'Success rate',
    note: 'completed or pending approval; partial counted separately',
  },
  {
    id: 'answer-time',
    title: 'Execution time distribution',
    note: 'from receiving a call to answering it (AnswerTime)',
  },
  { id: 'retry-rate', title: 'Retry rate', note: 'retries of outside steps per attempt' },
  { id: 'queue-depth', title: 'Manual queue depth', note: 'jobs waiting, in flight or delayed' },
] as const;

export function metricsPage(series: MetricSeries): Html {
  const { totals } = series;
  const rate = (value: number | null) => (value === null ? '-' : `${value} %`);
  const time = (value: number | null) => (value === null ? '-' : formatDuration(value));
  const tile = (label: string, value: string | number) =>
    html`<div class="tile"><span class="value">${value}</span><span class="label">${label}</span></div>`;
  return layout({
    title: 'Metrics',
    section: 'metrics',
    scripts: ['/assets/chart.umd.min.js', '/assets/metrics-charts.js'],
    body: html`<div class="tiles">
${tile('calls answered', totals.calls)}
${tile('success rate', rate(totals.successRate))}
${tile('answer time p50', time(totals.p50Ms))}
${tile('answer time p95', time(totals.p95Ms))}
${tile('retry rate', rate(totals.retryRate))}
${tile('jobs queued', totals.jobsQueued)}
${tile('queue depth now', totals.queueDepth ?? '-')}
</div>
<p class="note">Since the local stack started, in buckets of ${bucketWords(series.bucketMs)}; the charts read <a href="/api/metrics">/api/metrics</a>.</p>
<div class="charts">${CHARTS.map(
      (chart) =>
        html`<figure class="chart"><figcaption>${chart.title} <span class="muted">${chart.note}</span></figcaption><div class="canvas-box"><canvas id="chart-${chart.id}" aria-label="${chart.title}" role="img"></canvas></div></figure>`,
    )}</div>`,
  });
}

function bucketWords(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}
