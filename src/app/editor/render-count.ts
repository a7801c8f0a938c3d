// A development-only count of how often each canvas node renders, read by the browser tests to
// prove that moving one node or editing one param does not redraw every node.

interface RenderCounts {
  [id: string]: number;
}

declare global {
  var __latentLabRenders: RenderCounts | undefined;
}

/** Counts one render of a canvas node; compiled away from production builds. */
export function countRender(id: string): void {
  if (!import.meta.env.DEV) return;
  const counts = (globalThis.__latentLabRenders ??= {});
  counts[id] = (counts[id] ?? 0) + 1;
}
