// When each optimizer's phase trains (its definition's schedule: start after, stop after), and the
// note its node shows while it waits or once it has stopped, so a student sees why its loss chart
// is empty or flat rather than thinking it is broken.

import type { Program } from '../compile/program';
import type { PhaseSchedule } from '../types/definition';

/** The schedule of an optimizer node, from its definition and its live params; null: every iteration. */
export function phaseSchedule(program: Program, optimizerNode: string): PhaseSchedule | null {
  const def = program.registry.get(program.types.index.nodes.get(optimizerNode)?.type ?? '');
  if (def?.build.role !== 'optimizer' || !def.build.schedule) return null;
  return def.build.schedule(program.params.get(optimizerNode) ?? {});
}

/** Whether a phase steps in the iteration with this 0-based index. */
export function scheduledAt(schedule: PhaseSchedule | null, iteration: number): boolean {
  if (!schedule) return true;
  if (iteration < schedule.startAfter) return false;
  return schedule.stopAfter === 0 || iteration < schedule.stopAfter;
}

/** The note of a phase after `done` iterations: why it does not step, or '' while it trains. */
export function scheduleNote(schedule: PhaseSchedule | null, done: number): string {
  if (!schedule) return '';
  if (done < schedule.startAfter)
    return `Waiting: this optimizer starts after iteration ${schedule.startAfter}; until then its loss chart stays empty.`;
  if (schedule.stopAfter > 0 && done >= schedule.stopAfter)
    return `Done: this optimizer stopped after iteration ${schedule.stopAfter}; it changes no weight any more.`;
  return '';
}

/** Tracks the notes last sent, so a frame carries only those that changed ('' removes one). */
export class ScheduleNotes {
  private sent = new Map<string, string>();

  /** The changed notes of every phase of `program` after `done` iterations, or null when none changed. */
  changes(program: Program, done: number): Record<string, string> | null {
    const now = new Map<string, string>();
    for (const phase of program.phases) {
      const note = scheduleNote(phaseSchedule(program, phase.optimizerNode), done);
      if (note) now.set(phase.optimizerNode, note);
    }
    const out: Record<string, string> = {};
    for (const [node, note] of now) if (this.sent.get(node) !== note) out[node] = note;
    for (const node of this.sent.keys()) if (!now.has(node)) out[node] = '';
    this.sent = now;
    return Object.keys(out).length > 0 ? out : null;
  }
}
