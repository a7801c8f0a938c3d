// The inspector form's decisions, without React: how a param value reads as text, how typed text
// becomes a value (refused with a message when it cannot), range hints and stepping.

import type { NumberParam, ParamSpec, ParamValue } from '../../core/types/params';

export type ParsedParam =
  { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly message: string };

/** The label a field shows: the spec's own, or the key split at capitals ("learningRate" → "learning rate"). */
export function paramLabel(key: string, spec: ParamSpec): string {
  if (spec.label !== undefined) return spec.label;
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A number as a student would type it: no float noise (0.1 + 0.2), small values as 1e-5. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential();
  return String(Number(value.toPrecision(12)));
}

/** The text a field shows for a stored value. */
export function formatParamValue(spec: ParamSpec, value: ParamValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (spec.kind === 'number' && typeof value === 'number') return formatNumber(value);
  return String(value);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Typed text to a value for the text-edited kinds (number, shape, string); other kinds never get text. */
export function parseParamText(spec: ParamSpec, text: string): ParsedParam {
  const trimmed = text.trim();
  switch (spec.kind) {
    case 'number': {
      if (trimmed === '') return { ok: false, message: 'enter a number' };
      if (!NUMBER_TEXT.test(trimmed)) return { ok: false, message: `"${trimmed}" is not a number` };
      return { ok: true, value: Number(trimmed) };
    }
    case 'shape': {
      const parts = trimmed
        .replace(/^\[|\]$/g, '')
        .split(/[\s,x×]+/)
        .filter((part) => part !== '');
      if (parts.length === 0) return { ok: false, message: 'enter a shape such as 7, 7, 32' };
      const dims = parts.map(Number);
      if (!parts.every((part) => /^\d+$/.test(part)) || dims.some((d) => d <= 0))
        return { ok: false, message: 'every dimension must be a positive whole number, such as 7, 7, 32' };
      return { ok: true, value: dims };
    }
    case 'string':
    case 'network':
    case 'enum':
      return { ok: true, value: text };
    case 'boolean':
    case 'networks':
      return { ok: false, message: 'this setting has its own control, not a text field' };
  }
}

/** "1 – 4096 units, whole number" or "log scale, 1e-6 – 1": what the field accepts, for its hint line. */
export function numberHint(spec: NumberParam): string {
  const parts: string[] = [];
  if (spec.log) parts.push('log scale');
  if (spec.min !== undefined && spec.max !== undefined)
    parts.push(`${formatNumber(spec.min)} – ${formatNumber(spec.max)}`);
  else if (spec.min !== undefined) parts.push(`at least ${formatNumber(spec.min)}`);
  else if (spec.max !== undefined) parts.push(`at most ${formatNumber(spec.max)}`);
  if (spec.integer) parts.push('whole number');
  return parts.join(', ');
}

// 1-2-5 steps: the values people try for learning rates (1e-3, 2e-3, 5e-3, 1e-2).
const ONE_TWO_FIVE = [1, 2, 5];

function logStep(value: number, direction: 1 | -1): number {
  if (value <= 0) return direction > 0 ? 1e-6 : value;
  const decade = Math.floor(Math.log10(value) + 1e-9);
  const candidates: number[] = [];
  for (let d = decade - 1; d <= decade + 1; d++)
    for (const m of ONE_TWO_FIVE) candidates.push(Number((m * 10 ** d).toPrecision(6)));
  const next =
    direction > 0
      ? candidates.find((c) => c > value * (1 + 1e-9))
      : [...candidates].reverse().find((c) => c < value * (1 - 1e-9));
  return next ?? value;
}

/** The value after Arrow Up (+1) or Arrow Down (-1): by its step, 1 for whole numbers, 1-2-5 on a log scale. */
export function stepNumber(spec: NumberParam, value: number, direction: 1 | -1): number {
  let next: number;
  if (spec.log) next = logStep(value, direction);
  else {
    const step = spec.step ?? (spec.integer ? 1 : 0.1);
    // Snap to the step grid so 0.30000000000000004 never shows up.
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    next = Number((value + direction * step).toFixed(Math.min(decimals + 2, 12)));
  }
  if (spec.min !== undefined) next = Math.max(spec.min, next);
  if (spec.max !== undefined) next = Math.min(spec.max, next);
  return next;
}

/** The position (0..1000) of a value on a log-scale slider between the spec's bounds. */
export function logSliderPosition(spec: NumberParam, value: number): number {
  const lo = Math.log10(spec.min !== undefined && spec.min > 0 ? spec.min : 1e-6);
  const hi = Math.log10(spec.max ?? 1);
  if (!(value > 0) || hi <= lo) return 0;
  return Math.round(((Math.log10(value) - lo) / (hi - lo)) * 1000);
}

/** The value at a log-scale slider position, rounded to two significant digits. */
export function logSliderValue(spec: NumberParam, position: number): number {
  const lo = Math.log10(spec.min !== undefined && spec.min > 0 ? spec.min : 1e-6);
  const hi = Math.log10(spec.max ?? 1);
  return Number((10 ** (lo + (position / 1000) * (hi - lo))).toPrecision(2));
}

/** A network list with one id switched on or off, in the document's network order. */
export function toggleNetwork(
  chosen: readonly string[],
  id: string,
  on: boolean,
  order: readonly string[],
): string[] {
  const set = new Set(chosen);
  if (on) set.add(id);
  else set.delete(id);
  const known = order.filter((n) => set.has(n));
  // Ids the document no longer has stay, so inference can still name them in its error.
  const unknown = [...set].filter((n) => !order.includes(n));
  return [...known, ...unknown];
}
