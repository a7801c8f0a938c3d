// `npm run train -- graphs/<file>.json --steps N`: trains a graph headless with the same core
// as the editor, shows progress, and writes metrics JSON and PNGs of the previews.

import * as tf from '@tensorflow/tfjs';
import { SingleBar } from 'cli-progress';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NODE_REGISTRY } from '../nodes';
import { loadGraph } from '../src/core/graph/load';
import { inferGraph } from '../src/core/infer';
import { renderLossChart, renderPreview } from '../src/core/train/render';
import { Trainer } from '../src/core/train/trainer';
import { isNodeBackend, releaseBackend, useBackend } from './lib/backends';
import { loadDataset } from './lib/node-data';
import { writePng } from './lib/png';

const USAGE =
  'usage: npm run train -- graphs/<file>.json [--steps N] [--backend cpu|wasm|webgpu] [--seed S] [--batch B] [--out DIR]';

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        steps: { type: 'string' },
        backend: { type: 'string', default: 'cpu' },
        seed: { type: 'string' },
        batch: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one graph file');
  const backend = values.backend ?? 'cpu';
  if (!isNodeBackend(backend))
    throw new UsageError(`--backend must be cpu, wasm or webgpu, got "${backend}"`);
  return {
    file: positionals[0] as string,
    steps: positiveInt('steps', values.steps, 1),
    seed: positiveInt('seed', values.seed, 0),
    batch: positiveInt('batch', values.batch, 1),
    backend,
    out: values.out,
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch {
    throw new UsageError(`cannot read graph file "${args.file}"`);
  }
  const { doc, warnings } = loadGraph(text, NODE_REGISTRY);
  for (const w of warnings) console.warn(`warning: ${w.path}: ${w.message}`);
  const types = inferGraph(doc, NODE_REGISTRY);
  for (const issue of types.issues) {
    const where = issue.node ? `node ${issue.node}${issue.port ? ` port ${issue.port}` : ''}: ` : '';
    console.warn(`${issue.severity}: ${where}${issue.message}`);
  }
  if (types.hasErrors) throw new UsageError(`${args.file} has errors and cannot be trained`);

  const backend = await useBackend(args.backend);
  const trainer = await Trainer.create(doc, NODE_REGISTRY, {
    tf,
    loadDataset,
    ...(args.batch !== undefined && { batchSize: args.batch }),
    ...(args.seed !== undefined && { seed: args.seed }),
  });
  const steps = args.steps ?? doc.training.steps;
  const outDir = args.out ?? join('out', basename(args.file, '.json'));
  mkdirSync(outDir, { recursive: true });
  const lossNames = trainer.program.phases.flatMap((p) => p.losses);
  const history: { iteration: number; losses: Record<string, number> }[] = [];

  console.log(
    `${doc.meta.title}: ${steps} steps, batch ${trainer.batchSize}, seed ${trainer.seed}, backend ${backend.name} (${backend.detail})`,
  );
  const bar = new SingleBar({
    format: 'step {value}/{total} |{bar}| {losses} | {rate} samples/s',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  bar.start(steps, 0, { losses: '', rate: '-' });
  const started = performance.now();
  let samples = 0;
  let stopped: string | undefined;
  for (let i = 0; i < steps; i++) {
    const result = await trainer.step();
    samples += result.samples;
    history.push({ iteration: result.iteration, losses: result.losses });
    const rate = Math.round(samples / ((performance.now() - started) / 1000));
    const losses = lossNames.map((n) => `${n} ${(result.losses[n] ?? NaN).toPrecision(4)}`).join(', ');
    bar.update(i + 1, { losses, rate });
    // On the cpu backend every await resolves at once; yield so the progress bar's timer can run.
    await new Promise((resolve) => setImmediate(resolve));
    if (result.nonFinite) {
      stopped = `loss ${result.nonFinite.loss} became NaN or Inf; it first appeared at node ${result.nonFinite.node}`;
      break;
    }
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;

  const previews = await trainer.previews();
  const written: string[] = [];
  for (const p of previews) {
    const file = join(outDir, `${p.node}.${p.port}.png`.replace(/[^A-Za-z0-9._-]/g, '_'));
    writePng(file, renderPreview(p));
    written.push(file);
  }
  const chart = join(outDir, 'losses.png');
  writePng(chart, renderLossChart(lossNames.map((n) => history.map((h) => h.losses[n] ?? NaN))));
  written.push(chart);
  const last = history.at(-1);
  const metrics = {
    graph: args.file,
    title: doc.meta.title,
    backend: backend.name,
    steps: history.length,
    batchSize: trainer.batchSize,
    seed: trainer.seed,
    seconds,
    samplesPerSec: samples / seconds,
    finalLosses: last?.losses ?? {},
    history,
    ...(stopped !== undefined && { stopped }),
  };
  writeFileSync(join(outDir, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  trainer.dispose();
  console.log(`wrote ${join(outDir, 'metrics.json')} and ${written.length} PNG files to ${outDir}`);
  if (stopped) {
    console.error(`stopped: ${stopped}`);
    process.exitCode = 1;
  }
  await releaseBackend();
}

/** A tfjs "kernel not registered" error in words: which backend lacks what, and what to do. */
function explain(message: string): string {
  const missing = /Kernel '(\w+)' not registered for backend '(\w+)'/.exec(message);
  if (!missing) return message;
  const [, kernel, backend] = missing;
  return `the ${backend} backend cannot train this graph: tfjs has no ${kernel} kernel there (needed by a layer's gradient); try --backend cpu`;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`train: ${error.message}\n${USAGE}`);
  } else {
    console.error(`train: ${explain(error instanceof Error ? error.message : String(error))}`);
  }
  process.exit(1);
});
