// The palette: every node type by family, searchable, to add by click, Enter or drag onto the canvas.

import './panels.css';
import { type DragEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { NODE_DEFINITIONS } from '../../../nodes';
import type { AnyNodeDefinition } from '../../core/types/definition';
import {
  CATEGORY_LABELS,
  groupByCategory,
  moveActive,
  NODE_DRAG_TYPE,
  searchCatalogue,
} from './catalogue-search';

export interface PaletteProps {
  readonly onAddNode: (type: string) => void;
}

const LIST_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp']);

export function Palette({ onAddNode }: PaletteProps) {
  const baseId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const searching = query.trim() !== '';
  const matches = useMemo(() => searchCatalogue(NODE_DEFINITIONS, query), [query]);
  const groups = useMemo(() => groupByCategory(matches), [matches]);
  // The order rows appear in, which is the order arrow keys walk.
  const shown: readonly AnyNodeDefinition[] = searching ? matches : groups.flatMap((g) => g.definitions);
  const activeIndex = Math.min(active, shown.length - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  useEffect(() => {
    if (activeIndex < 0) return;
    listRef.current
      ?.querySelector(`[id="${CSS.escape(optionId(activeIndex))}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const onKeyDown = (event: KeyboardEvent, fromList: boolean) => {
    if (LIST_KEYS.has(event.key) || (fromList && (event.key === 'Home' || event.key === 'End'))) {
      event.preventDefault();
      setActive(moveActive(activeIndex, event.key, shown.length));
    } else if (event.key === 'Enter') {
      const def = shown[Math.max(activeIndex, 0)];
      if (def) {
        event.preventDefault();
        onAddNode(def.type);
      }
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
      setActive(0);
    }
  };

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  let rowIndex = 0;
  const option = (def: AnyNodeDefinition, showFamily: boolean) => {
    const index = rowIndex++;
    return (
      <div
        key={def.type}
        id={optionId(index)}
        role="option"
        aria-selected={index === activeIndex}
        className={`palette-option${index === activeIndex ? ' active' : ''}`}
        data-type={def.type}
        data-category={def.category}
        style={{ borderLeftColor: `var(--cat-${def.category})` }}
        title={def.doc}
        draggable
        onDragStart={(event) => onDragStart(event, def.type)}
        onMouseMove={() => index !== activeIndex && setActive(index)}
        onClick={() => onAddNode(def.type)}
      >
        <span className="palette-option-title">{def.title}</span>
        {showFamily && <span className="palette-option-family">{CATEGORY_LABELS[def.category]}</span>}
        <span className="palette-option-doc">{def.doc}</span>
      </div>
    );
  };

  return (
    <section className="panel palette" aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`} className="panel-heading">
        Nodes
      </h2>
      <input
        type="search"
        className="palette-search"
        placeholder="Search nodes…"
        aria-label="Search node types"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${baseId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => onKeyDown(event, false)}
      />
      <p className="palette-count" aria-live="polite">
        {searching ? `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}` : ''}
      </p>
      <div
        ref={listRef}
        id={`${baseId}-list`}
        className="palette-list"
        role="listbox"
        aria-label="Node types"
        tabIndex={0}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        onKeyDown={(event) => onKeyDown(event, true)}
      >
        {searching
          ? matches.map((def) => option(def, true))
          : groups.map((group) => (
              <div
                key={group.category}
                role="group"
                aria-labelledby={`${baseId}-group-${group.category}`}
                className="palette-group"
              >
                <div
                  id={`${baseId}-group-${group.category}`}
                  role="presentation"
                  className="palette-group-label"
                  style={{ color: `color-mix(in srgb, var(--cat-${group.category}) 60%, var(--text))` }}
                >
                  {group.label}
                </div>
                {group.definitions.map((def) => option(def, false))}
              </div>
            ))}
      </div>
      {shown.length === 0 && <p className="palette-empty">No node type matches “{query.trim()}”.</p>}
    </section>
  );
}
