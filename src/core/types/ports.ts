// Port kinds and the types that flow along edges, with their display form.

/** What an edge carries. One `canConnect()` compares kinds; shapes are checked by inference. */
export type PortKind = 'tensor' | 'labels' | 'loss' | 'network';

/** A float tensor; `shape` is the per-sample shape, the batch dimension B is implicit. */
export interface TensorType {
  readonly kind: 'tensor';
  readonly shape: readonly number[];
}

/** Integer class labels, one per sample ([B]), each in 0..classes-1. */
export interface LabelsType {
  readonly kind: 'labels';
  readonly classes: number;
}

/** A scalar loss term. */
export interface LossType {
  readonly kind: 'loss';
}

/** A reference to a network (a named set of layer nodes sharing weights). */
export interface NetworkType {
  readonly kind: 'network';
  readonly network: string;
}

export type PortType = TensorType | LabelsType | LossType | NetworkType;

export const tensorType = (shape: readonly number[]): TensorType => ({ kind: 'tensor', shape: [...shape] });
export const labelsType = (classes: number): LabelsType => ({ kind: 'labels', classes });
export const lossType: LossType = { kind: 'loss' };

/** Whether an output port of one kind may feed an input port of another. */
export function canConnect(from: PortKind, to: PortKind): boolean {
  return from === to;
}

/** The name a tensor's per-sample rank suggests: what students read on a port. */
export function tensorNoun(shape: readonly number[]): string {
  if (shape.length === 0) return 'scalar';
  if (shape.length === 1) return 'vector';
  if (shape.length === 2) return 'sequence';
  if (shape.length === 3) return 'image';
  return 'tensor';
}

/** "image [B,28,28,1]", "vector [B,32]", "labels [B] of 10", "loss". */
export function formatType(type: PortType): string {
  switch (type.kind) {
    case 'tensor':
      return `${tensorNoun(type.shape)} [${['B', ...type.shape].join(',')}]`;
    case 'labels':
      return `labels [B] of ${type.classes}`;
    case 'loss':
      return 'loss';
    case 'network':
      return `network ${type.network}`;
  }
}

/** "[B,28,28,1]" */
export function formatShape(shape: readonly number[]): string {
  return `[${['B', ...shape].join(',')}]`;
}

export function sameType(a: PortType, b: PortType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'tensor' && b.kind === 'tensor') return sameShape(a.shape, b.shape);
  if (a.kind === 'labels' && b.kind === 'labels') return a.classes === b.classes;
  if (a.kind === 'network' && b.kind === 'network') return a.network === b.network;
  return true;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);
