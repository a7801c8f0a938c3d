// The list of preset graphs, in lecture order, each with its title and description.

import type { Preset } from '../presets';

interface PresetListProps {
  readonly presets: readonly Preset[];
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}

export function PresetList({ presets, selected, onSelect }: PresetListProps) {
  return (
    <nav className="presets" aria-label="Preset graphs">
      <h2>Presets</h2>
      <ol>
        {presets.map((preset) => (
          <li key={preset.id}>
            <button
              type="button"
              className="preset"
              data-preset={preset.id}
              aria-current={preset.id === selected ? 'true' : undefined}
              onClick={() => onSelect(preset.id)}
            >
              {preset.lecture !== undefined && <span className="preset-lecture">{preset.lecture}</span>}
              <span className="preset-title">{preset.title}</span>
              <span className="preset-description">{preset.description}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
