// Inferred types derived from the document, computed once per document object and never stored.

import { inferGraph, type GraphTypes } from '../core/infer';
import type { GraphDocument } from '../core/graph/document';
import { NODE_REGISTRY } from '../../nodes';
import { useEditor } from './store';

const cache = new WeakMap<GraphDocument, GraphTypes>();

/** Types and issues of a document; the same object for the same document, so selectors stay stable. */
export function inferredFor(doc: GraphDocument): GraphTypes {
  let types = cache.get(doc);
  if (!types) {
    types = inferGraph(doc, NODE_REGISTRY);
    cache.set(doc, types);
  }
  return types;
}

/** The inferred types of the editor's current document. */
export function useInferred(): GraphTypes {
  return useEditor((state) => inferredFor(state.doc));
}
