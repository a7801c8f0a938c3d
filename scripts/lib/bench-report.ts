// The shape of bench/results.json and the table `npm run bench` prints.

import type { NodeBackend } from './backends';
import type { BrowserEditorOutcome } from './bench-browser-editor';
import type { DataResult, InferenceResult } from './bench-editor';
import type { BackendResult, BenchModel, ModelOutcome } from './bench-throughput';

export interface BenchResults {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** One-minute load average when the bench began and ended; above the CPU count, figures are noisy. */
    loadAverage: { before: number; after: number };
  };
  node: Partial<Record<NodeBackend, BackendResult>>;
  /** Node/cpu samples/s of the hand-written autoencoder, the yardstick for browser figures. */
  baseline: { backend: 'cpu'; model: 'autoencoder'; handWrittenSamplesPerSec: number | null };
  inference: InferenceResult;
  /** The editor in headless Chromium against a production build. */
  editor: BrowserEditorOutcome;
  data: DataResult;
  totalSeconds: number;
}

export const GOALS = {
  overhead: 1.05,
  inferenceMs: 16,
  dataLoadMs: 1000,
  paramEditMs: 100,
  dragFrameMs: 33,
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

/** The printed summary: one row per backend and model, then the editor costs. */
export function formatResults(results: BenchResults): string {
  const rows: string[][] = [
    ['backend', 'model', 'compiled/s', 'hand/s', 'overhead', 'paired', 'tensors', 'notes'],
  ];
  for (const [backend, result] of Object.entries(results.node)) {
    if (!result) continue;
    if ('error' in result.init) {
      rows.push([backend, '-', '-', '-', '-', '-', '-', `failed to start: ${result.init.error}`]);
      continue;
    }
    for (const model of MODEL_NAMES) rows.push(modelRow(backend, model, result[model]));
  }
  const { inference, editor, data, machine, baseline } = results;
  const lines = [
    `Latent Lab bench, ${results.date}, ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.before} -> ${machine.loadAverage.after}`,
    `Training samples/s at batch 128 (median of alternating rounds; overhead = hand/compiled, goal <= ${GOALS.overhead};` +
      ` paired = median of per-round ratios)`,
    ...table(rows),
    '',
    `Node/cpu baseline, hand-written autoencoder: ${baseline.handWrittenSamplesPerSec ?? '-'} samples/s`,
    `inferGraph on ${inference.nodes} nodes / ${inference.edges} edges: median ${inference.medianMs} ms, ` +
      `p95 ${inference.p95Ms} ms, fastest ${inference.minMs} ms over ${inference.runs} runs, ${inference.errors} errors ` +
      `(goal: median well under ${GOALS.inferenceMs} ms: ${mark(inference.medianMs < GOALS.inferenceMs)})`,
    ...editorLines(editor),
    `Fashion-MNIST train load: median ${data.fashionTrainLoadMs} ms over ${data.runs} runs ` +
      `(goal well under ${GOALS.dataLoadMs} ms: ${mark(data.fashionTrainLoadMs < GOALS.dataLoadMs)})`,
    `Whole bench: ${results.totalSeconds} s`,
  ];
  return lines.join('\n');
}
