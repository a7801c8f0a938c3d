// `npm run bench`: training throughput of compiled presets against hand-written tfjs on each Node
// backend, plus the editor's costs (re-inferring a 500-node graph, loading a dataset, and in headless
// Chromium the first render of a 500-node graph and a param edit to its shape on screen), and
// training in Chromium (worker against main thread per backend; from the editor: first frame,
// preview rate, long tasks). Prints a table and writes bench/results.json; `--only browser` (or any
// comma-separated sections) measures just those and keeps the file's other sections.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isNodeBackend, NODE_BACKENDS, type NodeBackend, releaseBackend } from './lib/backends';
import { BACKEND_ORDER, type BackendName, isBackendName } from '../src/core/train/backend-names';
import { benchBrowser } from './lib/bench-browser';
import { benchBrowserEditor } from './lib/bench-browser-editor';
import { benchDataLoad, benchInference } from './lib/bench-editor';
import {
  type BenchResults,
  formatResults,
  isSection,
  mergeResults,
  type Section,
  SECTIONS,
} from './lib/bench-report';
import { round } from './lib/bench-stats';
import { type BackendPlan, benchBackend } from './lib/bench-throughput';

const USAGE =
  'usage: npm run bench -- [--only data,inference,editor,node,browser] [--backends cpu,wasm,webgpu] ' +
  '[--browser-backends webgpu,webgl,wasm,cpu] [--presets id,id (graphs/<id>.json; default all)] ' +
  '[--out bench/results.json]';

// Sized so the whole run stays near two to three minutes on a 2-core machine: cpu and
// SwiftShader webgpu take 1-2 s a step at batch 128, wasm about 0.3 s.
const PLANS: Record<NodeBackend, BackendPlan> = {
  cpu: { warmupSteps: 2, rounds: 6, stepsPerRound: 1 },
  wasm: { warmupSteps: 3, rounds: 8, stepsPerRound: 2 },
  webgpu: { warmupSteps: 1, rounds: 4, stepsPerRound: 1 },
};

interface Args {
  sections: readonly Section[];
  backends: NodeBackend[];
  browserBackends: BackendName[];
  /** Presets for the browser's per-preset frame rates; undefined for all. */
  presets: string[] | undefined;
  out: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string', default: SECTIONS.join(',') },
      backends: { type: 'string', default: NODE_BACKENDS.join(',') },
      'browser-backends': { type: 'string', default: BACKEND_ORDER.join(',') },
      presets: { type: 'string' },
      out: { type: 'string', default: 'bench/results.json' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const only = list(values.only);
  const badSections = only.filter((s) => !isSection(s));
  if (badSections.length > 0 || only.length === 0) {
    throw new Error(`unknown section ${badSections.join(', ') || '(none given)'}; ${USAGE}`);
  }
  const names = list(values.backends);
  const unknown = names.filter((n) => !isNodeBackend(n));
  if (unknown.length > 0) throw new Error(`unknown backend ${unknown.join(', ')}; ${USAGE}`);
  const browserNames = list(values['browser-backends']);
  const unknownBrowser = browserNames.filter((n) => !isBackendName(n));
  if (unknownBrowser.length > 0)
    throw new Error(`unknown browser backend ${unknownBrowser.join(', ')}; ${USAGE}`);
  const presets = values.presets === undefined ? undefined : list(values.presets);
  const known = readdirSync('graphs').map((f) => f.replace(/\.json$/, ''));
  const unknownPresets = (presets ?? []).filter((p) => !known.includes(p));
  if (unknownPresets.length > 0)
    throw new Error(
      `unknown preset ${unknownPresets.join(', ')} (graphs/ has ${known.join(', ')}); ${USAGE}`,
    );
  return {
    sections: SECTIONS.filter((s) => only.includes(s)),
    // webgpu last: its Dawn device is released at the end and nothing runs on it afterwards.
    backends: NODE_BACKENDS.filter((b) => names.includes(b)),
    browserBackends: BACKEND_ORDER.filter((b) => browserNames.includes(b)),
    presets,
    out: values.out ?? 'bench/results.json',
  };
}

/** The file an earlier run wrote, if there is one that parses; its sections are kept. */
function readPrevious(path: string): Partial<BenchResults> | null {
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Partial<BenchResults>) : null;
  } catch {
    return null;
  }
}

const log = (line: string): void => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const run = (section: Section) => args.sections.includes(section);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const date = new Date().toISOString();
  const measured: BenchResults['measured'] = Object.fromEntries(args.sections.map((s) => [s, date]));
  const sections: Partial<BenchResults> = {};

  if (run('data')) {
    log('loading Fashion-MNIST train ...');
    sections.data = await benchDataLoad();
  }
  if (run('inference')) {
    log('re-inferring a 500-node graph ...');
    sections.inference = await benchInference(500);
  }
  // Chromium before the Node throughput runs, which leave the machine warm and tfjs's thread pools around.
  if (run('editor')) sections.editor = await benchBrowserEditor({ nodes: 500, log });
  if (run('browser')) {
    sections.browser = await benchBrowser({
      backends: args.browserBackends,
      ...(args.presets && { presets: args.presets }),
      log,
    });
  }
  if (run('node')) {
    const node: NonNullable<BenchResults['node']> = {};
    for (const backend of args.backends) {
      node[backend] = await benchBackend(backend, PLANS[backend], undefined, log);
    }
    await releaseBackend();
    const cpuAutoencoder = node.cpu?.autoencoder;
    sections.node = node;
    sections.baseline = {
      backend: 'cpu',
      model: 'autoencoder',
      handWrittenSamplesPerSec:
        cpuAutoencoder && !('error' in cpuAutoencoder) ? cpuAutoencoder.handWrittenSamplesPerSec : null,
    };
  }

  const results: BenchResults = {
    date,
    measured,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: { before: round(loadBefore, 3), after: round(loadavg()[0] ?? 0, 3) },
    },
    ...sections,
    totalSeconds: round((performance.now() - started) / 1000, 3),
  };
  mkdirSync(dirname(args.out), { recursive: true });
  const all = args.sections.length === SECTIONS.length;
  writeFileSync(
    args.out,
    `${JSON.stringify(all ? results : mergeResults(readPrevious(args.out), results), null, 2)}\n`,
  );
  console.log(formatResults(results));
  console.log(
    `\nwrote ${args.out}${all ? '' : ` (${args.sections.join(', ')}; other sections kept from the earlier file)`}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
