// The "Open graph file…" button: reads the chosen JSON file with the tolerant loader.

import type { ChangeEvent } from 'react';
import type { NodeRegistry } from '../../core/types/definition';
import { openGraphFile, type OpenedFile } from '../open-file';

interface GraphFileInputProps {
  readonly registry: NodeRegistry;
  readonly onOpened: (file: OpenedFile) => void;
}

export function GraphFileInput({ registry, onOpened }: GraphFileInputProps) {
  const changed = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after editing it) fires another change.
    input.value = '';
    if (file) onOpened(await openGraphFile(file, registry));
  };
  return (
    <label className="open-file">
      Open graph file…
      <input type="file" accept=".json,application/json" onChange={changed} />
    </label>
  );
}
