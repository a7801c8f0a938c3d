// Reading a graph file the user picked: the file's text goes through the tolerant loader, and even
// a file the browser cannot read comes back as an empty graph with a warning, never as a throw.

import { emptyDocument } from '../core/graph/document';
import { loadGraph, type LoadResult } from '../core/graph/load';
import { makeLoadWarning } from '../core/graph/load-warnings';
import type { NodeRegistry } from '../core/types/definition';

export interface OpenedFile {
  readonly name: string;
  readonly loaded: LoadResult;
}

/** Larger than any real graph by far; reading more would only freeze the tab. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export async function openGraphFile(file: File, registry: NodeRegistry): Promise<OpenedFile> {
  if (file.size > MAX_FILE_BYTES) {
    const detail = `it is ${(file.size / 1024 / 1024).toFixed(0)} MB, far larger than a graph file`;
    return { name: file.name, loaded: failed(detail) };
  }
  try {
    return { name: file.name, loaded: loadGraph(await file.text(), registry) };
  } catch (error) {
    return { name: file.name, loaded: failed(error instanceof Error ? error.message : String(error)) };
  }
}

function failed(detail: string): LoadResult {
  return { doc: emptyDocument(), warnings: [makeLoadWarning('LOAD_FAILED', '', { detail })] };
}
