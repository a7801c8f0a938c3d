// Readable, unique ids for new nodes, edges and networks ("dense", "dense-2", "encoder").

import type { GraphDocument, PortRef } from '../core/graph/document';

/** The first of `base`, `base-2`, `base-3`, ... that `taken` does not hold. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A type id such as layer.dense gives "dense": the part of a type a student recognises. */
export function idBaseForType(type: string): string {
  const last = type.split('.').pop() ?? type;
  return slug(last) || 'node';
}

/** "dense-3" -> "dense", so copies of a copy stay short. */
export function idBaseForCopy(id: string): string {
  return id.replace(/-\d+$/, '') || id;
}

/** "My Encoder!" -> "my-encoder". */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function nodeIds(doc: GraphDocument): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}

export function edgeIds(doc: GraphDocument): Set<string> {
  return new Set(doc.edges.map((e) => e.id));
}

/** The same form the preset files use: "enc1.out->enc2.in". */
export function edgeIdBase(from: PortRef, to: PortRef): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}
