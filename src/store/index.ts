// The store's public face: the app imports from 'src/store' only.

export {
  createEditorStore,
  editorStore,
  useEditor,
  type EditorStore,
  type EditorStoreOptions,
} from './store';
export { inferredFor, useInferred } from './inferred';
export { HISTORY_LIMIT } from './document-slice';
export { NETWORK_COLORS, isLayerNode } from './network-ops';
export { PASTE_OFFSET } from './clipboard';
export type * from './types';
