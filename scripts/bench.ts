// `npm run bench`: training throughput of compiled presets against hand-written tfjs on each Node
// backend, plus the editor's costs (re-inferring a 500-node graph, loading a dataset, and in headless
// Chromium the first render of a 500-node graph and a param edit to its shape on screen). Prints a
// table and writes bench/results.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isNodeBackend, NODE_BACKENDS, type NodeBackend, releaseBackend } from './lib/backends';
import { benchBrowserEditor } from './lib/bench-browser-editor';
import { benchDataLoad, benchInference } from './lib/bench-editor';
import { type BenchResults, formatResults } from './lib/bench-report';
import { round } from './lib/bench-stats';
import { type BackendPlan, benchBackend } from './lib/bench-throughput';

const USAGE = 'usage: npm run bench -- [--backends cpu,wasm,webgpu] [--out bench/results.json]';

// Sized so the whole run stays near two to three minutes on a 2-core machine: cpu and
// SwiftShader webgpu take 1-2 s a step at batch 128, wasm about 0.3 s.
const PLANS: Record<NodeBackend, BackendPlan> = {
  cpu: { warmupSteps: 2, rounds: 6, stepsPerRound: 1 },
  wasm: { warmupSteps: 3, rounds: 8, stepsPerRound: 2 },
  webgpu: { warmupSteps: 1, rounds: 4, stepsPerRound: 1 },
};

function parse(argv: string[]): { backends: NodeBackend[]; out: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      backends: { type: 'string', default: NODE_BACKENDS.join(',') },
      out: { type: 'string', default: 'bench/results.json' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const names = (values.backends ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !isNodeBackend(n));
  if (unknown.length > 0) throw new Error(`unknown backend ${unknown.join(', ')}; ${USAGE}`);
  // webgpu last: its Dawn device is released at the end and nothing runs on it afterwards.
  const backends = NODE_BACKENDS.filter((b) => names.includes(b));
  return { backends, out: values.out ?? 'bench/results.json' };
}

const log = (line: string): void => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;

  log('loading Fashion-MNIST train ...');
  const data = await benchDataLoad();
  log('re-inferring a 500-node graph ...');
  const inference = await benchInference(500);
  // Before the throughput runs, which leave the machine warm and tfjs's thread pools around.
  const editor = await benchBrowserEditor({ nodes: 500, log });

  const node: BenchResults['node'] = {};
  for (const backend of args.backends) {
    node[backend] = await benchBackend(backend, PLANS[backend], undefined, log);
  }
  await releaseBackend();

  const cpuAutoencoder = node.cpu?.autoencoder;
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: { before: round(loadBefore, 3), after: round(loadavg()[0] ?? 0, 3) },
    },
    node,
    baseline: {
      backend: 'cpu',
      model: 'autoencoder',
      handWrittenSamplesPerSec:
        cpuAutoencoder && !('error' in cpuAutoencoder) ? cpuAutoencoder.handWrittenSamplesPerSec : null,
    },
    inference,
    editor,
    data,
    totalSeconds: round((performance.now() - started) / 1000, 3),
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatResults(results));
  console.log(`\nwrote ${args.out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
