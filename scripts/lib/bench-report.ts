// The shape of bench/results.json and the table `npm run bench` prints.

import { BACKEND_ORDER } from '../../src/core/train/backend-names';
import type { NodeBackend } from './backends';
import type { BrowserOutcome } from './bench-browser';
import type { PresetsOutcome } from './bench-browser-presets';
import type { BrowserEditorOutcome } from './bench-browser-editor';
import type { BrowserBackendOutcome, LongTaskSummary } from './bench-browser-summary';
import type { DataResult, InferenceResult } from './bench-editor';
import type { BackendResult, BenchModel, ModelOutcome } from './bench-throughput';

/** The parts of the bench, each of which `--only` can pick. */
export const SECTIONS = ['data', 'inference', 'editor', 'node', 'browser'] as const;
export type Section = (typeof SECTIONS)[number];

export function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}

export interface BenchResults {
  date: string;
  /** When each section present was measured: a run with `--only` keeps the other sections of the file. */
  measured: Partial<Record<Section, string>>;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** One-minute load average when the bench began and ended; above the CPU count, figures are noisy. */
    loadAverage: { before: number; after: number };
  };
  node?: Partial<Record<NodeBackend, BackendResult>>;
  /** Node/cpu samples/s of the hand-written autoencoder, the yardstick for browser figures. */
  baseline?: { backend: 'cpu'; model: 'autoencoder'; handWrittenSamplesPerSec: number | null };
  inference?: InferenceResult;
  /** The editor in headless Chromium against a production build. */
  editor?: BrowserEditorOutcome;
  data?: DataResult;
  /** Training in headless Chromium: worker against main thread per backend, and from the editor. */
  browser?: BrowserOutcome;
  totalSeconds: number;
}

/** A later run's sections over an earlier file's: what was not measured again is kept. */
export function mergeResults(previous: Partial<BenchResults> | null, next: BenchResults): BenchResults {
  if (!previous) return next;
  const measured = { ...previous.measured, ...next.measured };
  const kept = Object.fromEntries(
    SECTIONS.filter((s) => !(s in next.measured) && s in previous).map((s) => [s, previous[s]]),
  );
  const baseline = next.baseline ?? previous.baseline;
  return { ...kept, ...next, measured, ...(baseline && { baseline }) };
}

export const GOALS = {
  overhead: 1.05,
  inferenceMs: 16,
  dataLoadMs: 1000,
  paramEditMs: 100,
  workerRatio: 0.95,
  longTasks: 0,
  dragFrameMs: 33,
  /** Frames with previews per second on every preset (issue 5). */
  previewFps: 10,
} as const;

const MODEL_NAMES: readonly BenchModel[] = ['autoencoder', 'vae'];

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => pad(r, widths).trimEnd());
}

const mark = (ok: boolean): string => (ok ? 'ok' : 'OVER GOAL');

function modelRow(backend: string, model: string, outcome: ModelOutcome | undefined): string[] {
  if (!outcome) return [backend, model, '-', '-', '-', '-', '-', 'not run'];
  if ('error' in outcome) return [backend, model, '-', '-', '-', '-', '-', `error: ${outcome.error}`];
  const flat = outcome.tensorsAfter === outcome.tensorsBefore;
  return [
    backend,
    model,
    outcome.compiledSamplesPerSec.toFixed(1),
    outcome.handWrittenSamplesPerSec.toFixed(1),
    outcome.overhead.toFixed(3),
    outcome.pairedOverhead.toFixed(3),
    `${outcome.tensorsBefore} -> ${outcome.tensorsAfter}${flat ? '' : ' LEAK'}`,
    `${outcome.rounds}x${outcome.stepsPerRound} steps, ${mark(outcome.overhead <= GOALS.overhead)}`,
  ];
}

function editorLines(editor: BrowserEditorOutcome): string[] {
  if ('error' in editor) return [`Editor in Chromium: not measured: ${editor.error}`];
  const { firstRender: first, paramEdit: edit, drag } = editor;
  return [
    `Editor in headless Chromium ${editor.chromium} (${editor.served}; build ${editor.buildSeconds} s):`,
    `  first render of ${first.nodes} nodes / ${first.edges} edges dropped as a file: median ${first.medianMs} ms ` +
      `(${first.minMs}-${first.maxMs} ms over ${first.runs} page loads) until the ${first.cardsDrawn} cards in view ` +
      `are drawn and still; first card after ${first.firstCardMedianMs} ms`,
    `  param edit (units of ${edit.node} in the inspector) to the new shape painted: median ${edit.medianMs} ms, ` +
      `p95 ${edit.p95Ms} ms, max ${edit.maxMs} ms over ${edit.runs} edits; card text changed after ` +
      `${edit.medianDomMs} ms; main-thread CPU median ${edit.cpuMedianMs} ms, p95 ${edit.cpuP95Ms} ms ` +
      `(goal: median well under ${GOALS.paramEditMs} ms: ` +
      `${mark(edit.medianMs < GOALS.paramEditMs)})`,
    `  drag of ${drag.node} by its header: median ${drag.medianMs} ms, p95 ${drag.p95Ms} ms, max ${drag.maxMs} ms ` +
      `per frame over ${drag.frames} frames, ${drag.slowFrames} slower than 33 ms; main-thread CPU ` +
      `${drag.cpuPerFrameMs} ms per frame (goal: median under ` +
      `${GOALS.dragFrameMs} ms: ${mark(drag.medianMs < GOALS.dragFrameMs)})`,
  ];
}

function browserRow(backend: string, outcome: BrowserBackendOutcome | undefined): string[] {
  if (!outcome) return [backend, '-', '-', '-', '-', '-', '-', 'not run'];
  if ('error' in outcome) return [backend, '-', '-', '-', '-', '-', '-', `error: ${outcome.error}`];
  const { worker, main } = outcome;
  const leak =
    main.tensorsBefore !== undefined && main.tensorsAfter !== main.tensorsBefore
      ? `, main-thread tensors ${main.tensorsBefore} -> ${main.tensorsAfter} LEAK`
      : '';
  return [
    backend,
    outcome.samplesPerSec.toFixed(1),
    outcome.mainThreadSamplesPerSec.toFixed(1),
    outcome.ratio.toFixed(3),
    outcome.pairedRatio.toFixed(3),
    outcome.previewFramesPerSec.toFixed(1),
    `${Math.round(worker.startMs + worker.loadMs)} / ${Math.round(main.startMs + main.loadMs)}`,
    `${worker.roundSamplesPerSec.length} round${worker.roundSamplesPerSec.length === 1 ? '' : 's'} a side, ${mark(outcome.ratio >= GOALS.workerRatio)}${leak}`,
  ];
}

function longTaskLines(label: string, tasks: LongTaskSummary): string[] {
  const lines = [`  ${label}: ${tasks.count} (${tasks.totalMs} ms in all, longest ${tasks.maxMs} ms)`];
  for (const t of tasks.details) {
    const split =
      t.scriptMs === undefined
        ? 'no long animation frame overlaps it'
        : `scripts ${t.scriptMs} ms, rendering ${t.renderingMs} ms (style and layout ${t.styleAndLayoutMs} ms)` +
          (t.scripts && t.scripts.length > 0 ? `: ${t.scripts.join('; ')}` : '');
    lines.push(`    at ${t.atMs} ms, ${t.durationMs} ms: ${split}`);
  }
  return lines;
}

function presetLines(presets: PresetsOutcome): string[] {
  if ('error' in presets) return [`  Presets: not measured: ${presets.error}`];
  const rows: string[][] = [['preset', 'backend', 'batch', 'it/s', 'ms/it', 'frames/s', 'with previews/s']];
  for (const p of presets.presets) {
    if ('error' in p) rows.push([p.preset, '-', '-', '-', '-', '-', `error: ${p.error}`]);
    else
      rows.push([
        p.preset,
        p.backend,
        String(p.batchSize),
        p.iterationsPerSec.toFixed(1),
        p.msPerIteration.toFixed(1),
        p.framesPerSec.toFixed(1),
        `${p.previewFramesPerSec.toFixed(1)} ${mark(p.previewFramesPerSec >= GOALS.previewFps)}`,
      ]);
  }
  return [
    `  Presets in the worker at their own batch sizes, on the backend the editor chooses, ` +
      `${presets.seconds} s each after ${presets.warmupSeconds} s: frames and frames with previews ` +
      `the page received per second (goal >= ${GOALS.previewFps} with previews)`,
    ...table(rows).map((line) => `  ${line}`),
  ];
}

function browserLines(browser: BrowserOutcome): string[] {
  if ('error' in browser) return [`Training in Chromium: not measured: ${browser.error}`];
  const rows: string[][] = [
    ['backend', 'worker/s', 'main/s', 'ratio', 'paired', 'previews/s', 'start+load ms', 'notes'],
  ];
  for (const backend of BACKEND_ORDER) {
    if (backend in browser.plans) rows.push(browserRow(backend, browser[backend]));
  }
  const lines = [
    `Training in headless Chromium ${browser.chromium} (${browser.served}; build ${browser.buildSeconds} s), ` +
      `${browser.model}, batch ${browser.batchSize}:`,
    `  samples/s in the worker (the editor's client) and on the main thread (same session code), rounds alternating; ` +
      `ratio = worker/main (goal >= ${GOALS.workerRatio}); paired = median of per-round ratios; previews/s = ` +
      `preview frames the page received from the worker; start+load = worker / main thread`,
    ...table(rows).map((line) => `  ${line}`),
  ];
  if (browser.presets) lines.push(...presetLines(browser.presets));
  const editor = browser.editorTraining;
  if ('error' in editor) return [...lines, `  Training from the editor: not measured: ${editor.error}`];
  return [
    ...lines,
    `  Training from the editor (${editor.preset}, backend ${editor.backend} chosen by itself): Train to first ` +
      `previews painted ${editor.timeToFirstPreviewMs} ms, to the first trained frame painted ` +
      `${editor.timeToFirstFrameMs} ms; over ${editor.windowSeconds} s: reconstruction preview repainted ` +
      `${editor.previewFps}/s (all previews ${editor.previewPaintsPerSec}/s), ${editor.samplesPerSec} samples/s, ` +
      `${editor.longAnimationFrames} long animation frames`,
    ...longTaskLines(
      `long tasks (> 50 ms) on the main thread in ${editor.windowSeconds} s of training (goal ${GOALS.longTasks}: ` +
        `${mark(editor.longTasks.count <= GOALS.longTasks)})`,
      editor.longTasks,
    ),
    ...longTaskLines('long tasks from pressing Train to the first trained frame', editor.startupLongTasks),
  ];
}

/** The printed summary: one row per backend and model, then the editor costs, for the sections run. */
export function formatResults(results: BenchResults): string {
  const { inference, editor, data, machine, baseline, node, browser } = results;
  const lines = [
    `Latent Lab bench, ${results.date}, ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.before} -> ${machine.loadAverage.after}`,
  ];
  if (node) {
    const rows: string[][] = [
      ['backend', 'model', 'compiled/s', 'hand/s', 'overhead', 'paired', 'tensors', 'notes'],
    ];
    for (const [backend, result] of Object.entries(node)) {
      if (!result) continue;
      if ('error' in result.init) {
        rows.push([backend, '-', '-', '-', '-', '-', '-', `failed to start: ${result.init.error}`]);
        continue;
      }
      for (const model of MODEL_NAMES) rows.push(modelRow(backend, model, result[model]));
    }
    lines.push(
      `Training samples/s at batch 128 (median of alternating rounds; overhead = hand/compiled, goal <= ${GOALS.overhead};` +
        ` paired = median of per-round ratios)`,
      ...table(rows),
      '',
      `Node/cpu baseline, hand-written autoencoder: ${baseline?.handWrittenSamplesPerSec ?? '-'} samples/s`,
    );
  }
  if (inference) {
    lines.push(
      `inferGraph on ${inference.nodes} nodes / ${inference.edges} edges: median ${inference.medianMs} ms, ` +
        `p95 ${inference.p95Ms} ms, fastest ${inference.minMs} ms over ${inference.runs} runs, ${inference.errors} errors ` +
        `(goal: median well under ${GOALS.inferenceMs} ms: ${mark(inference.medianMs < GOALS.inferenceMs)})`,
    );
  }
  if (editor) lines.push(...editorLines(editor));
  if (browser) lines.push(...browserLines(browser));
  if (data) {
    lines.push(
      `Fashion-MNIST train load: median ${data.fashionTrainLoadMs} ms over ${data.runs} runs ` +
        `(goal well under ${GOALS.dataLoadMs} ms: ${mark(data.fashionTrainLoadMs < GOALS.dataLoadMs)})`,
    );
  }
  lines.push(`Whole bench: ${results.totalSeconds} s`);
  return lines.join('\n');
}
