// Draws the metrics page's charts with Chart.js (served from node_modules) from /api/metrics.
// Each canvas gets data-points with how many values it drew, so that a test can tell.
const PALETTE = ['#0969da', '#1a7f37', '#bf8700', '#8250df', '#cf222e', '#57606a'];

const clock = (ms) => new Date(ms).toLocaleTimeString();

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (!canvas) return;
  const chart = new window.Chart(canvas, {
    ...config,
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom' } },
      ...config.options,
    },
  });
  const values = chart.data.datasets.flatMap((set) => set.data).filter((v) => v !== null);
  canvas.dataset.points = String(values.length);
}

const percentAxis = { y: { min: 0, max: 100, ticks: { callback: (value) => `${value} %` } } };

async function main() {
  const response = await fetch('/api/metrics');
  const series = await response.json();
  const labels = series.buckets.map(clock);

  draw('chart-success-rate', {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'success %', data: series.successRate, borderColor: PALETTE[1], spanGaps: true },
        {
          label: 'at least partial %',
          data: series.partialSuccessRate,
          borderColor: PALETTE[2],
          spanGaps: true,
        },
      ],
    },
    options: { scales: percentAxis },
  });

  draw('chart-answer-time', {
    type: 'bar',
    data: {
      labels: series.answerTime.bins,
      datasets: Object.entries(series.answerTime.byWorkflow).map(([workflow, counts], index) => ({
        label: workflow,
        data: counts,
        backgroundColor: PALETTE[index % PALETTE.length],
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
  });

  draw('chart-retry-rate', {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'retries per attempt %',
          data: series.retryRate,
          borderColor: PALETTE[4],
          spanGaps: true,
        },
      ],
    },
    options: { scales: { y: { min: 0, ticks: { callback: (value) => `${value} %` } } } },
  });

  draw('chart-queue-depth', {
    type: 'line',
    data: {
      labels: series.queueDepth.map((sample) => clock(sample.at)),
      datasets: [
        {
          label: 'jobs',
          data: series.queueDepth.map((sample) => sample.depth),
          borderColor: PALETTE[3],
          stepped: true,
        },
      ],
    },
    options: { scales: { y: { min: 0, ticks: { precision: 0 } } } },
  });
}

main().catch((error) => {
  for (const canvas of document.querySelectorAll('canvas')) {
    canvas.replaceWith(
      Object.assign(document.createElement('p'), {
        className: 'error',
        textContent: `The charts could not be drawn: ${error.message}`,
      }),
    );
  }
});
