/**
 * The files the page loads, all from this server: its stylesheet and scripts, and Chart.js from
 * node_modules. A fixed list, so no request path ever reaches the file system.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chartJs = dirname(createRequire(import.meta.url).resolve('chart.js'));

const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/ops.css': { file: join(here, 'assets/ops.css'), type: 'text/css; charset=utf-8' },
  '/assets/state-graph.css': {
    file: join(here, 'assets/state-graph.css'),
    type: 'text/css; charset=utf-8',
  },
  '/assets/metrics-charts.js': {
    file: join(here, 'assets/metrics-charts.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/assets/confirm-discard.js': {
    file: join(here, 'assets/confirm-discard.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/assets/chart.umd.min.js': {
    file: join(chartJs, 'chart.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

export async function staticAsset(
  path: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  const asset = ASSETS[path];
  if (!asset) return undefined;
  return { body: await readFile(asset.file), type: asset.type };
}
