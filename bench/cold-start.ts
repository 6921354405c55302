/**
 * Cold start of each function's deployed bundle: built with esbuild as lib/handler-function.ts
 * has the CDK build it (ESM, minified, node22, everything bundled, source map), then imported in
 * a fresh Node.js process, with the NODE_OPTIONS the functions are deployed with.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { API_FUNCTIONS, TASK_FUNCTIONS } from '../functions/catalog';
import { median } from './stats';

/** The banner of lib/handler-function.ts: bundled CommonJS still calls `require`. */
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface ColdStart {
  name: string;
  minifiedBytes: number;
  gzippedBytes: number;
  importMs: number;
  processMs: number;
  /** Only for the intake: import time without --enable-source-maps. */
  importWithoutSourceMapsMs?: number;
  weights: Weights;
}

/** The packages (or project folders) that weigh most in a bundle, in bytes of output. */
export type Weights = Array<{ source: string; bytes: number }>;

function heaviest(metafile: Metafile): Weights {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const source = match?.[1] ?? input.split('/').slice(0, 2).join('/');
      bytes.set(source, (bytes.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .map(([source, size]) => ({ source, bytes: size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
}

async function bundle(
  root: string,
  outDir: string,
  name: string,
  entry: string,
): Promise<{ file: string; weights: Weights }> {
  const outfile = join(outDir, name, 'index.mjs');
  const { metafile } = await build({
    metafile: true,
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    logLevel: 'warning',
  });
  return { file: outfile, weights: heaviest(metafile) };
}

/** One fresh process importing the bundle: time of the import inside it, and of the process. */
function importOnce(file: string, sourceMaps: boolean): { importMs: number; processMs: number } {
  const script = `const t = performance.now(); await import(${JSON.stringify(
    pathToFileURL(file).href,
  )}); process.stdout.write(String(performance.now() - t));`;
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-central-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      LOG_LEVEL: 'SILENT',
      NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '',
    },
  });
  const processMs = performance.now() - started;
  const importMs = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(importMs)) {
    throw new Error(`Importing ${file} failed: ${result.stderr.slice(0, 500)}`);
  }
  return { importMs, processMs };
}

export async function measureColdStarts(
  root: string,
  outDir: string,
  runs: number,
  onProgress: (name: string) => void,
): Promise<ColdStart[]> {
  const results: ColdStart[] = [];
  for (const [name, entry] of Object.entries({ ...API_FUNCTIONS, ...TASK_FUNCTIONS })) {
    const { file, weights } = await bundle(root, outDir, name, entry);
    const code = await readFile(file);
    const samples = Array.from({ length: runs }, () => importOnce(file, true));
    const result: ColdStart = {
      name,
      minifiedBytes: code.length,
      gzippedBytes: gzipSync(code).length,
      importMs: median(samples.map((s) => s.importMs)),
      processMs: median(samples.map((s) => s.processMs)),
      weights,
    };
    if (name === 'Intake') {
      const plain = Array.from({ length: runs }, () => importOnce(file, false));
      result.importWithoutSourceMapsMs = median(plain.map((s) => s.importMs));
    }
    results.push(result);
    onProgress(name);
  }
  return results;
}
