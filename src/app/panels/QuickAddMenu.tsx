// A small searchable menu at a screen point for adding a node; after a connection is dropped on
// empty canvas it offers only node types with a port that fits the dragged one.

import './panels.css';
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { NODE_DEFINITIONS, NODE_REGISTRY } from '../../../nodes';
import type { PortRef } from '../../core/graph/document';
import { useEditor } from '../../store';
import { CATEGORY_LABELS, moveActive, searchCatalogue } from './catalogue-search';
import { draggedPortKind, fittingDefinitions, placeInViewport, type PortSide } from './quick-add';

export interface QuickAddMenuProps {
  /** Screen (client) coordinates of the menu's top-left corner. */
  readonly at: { readonly x: number; readonly y: number };
  readonly fits: { readonly port: PortRef; readonly side: PortSide } | undefined;
  readonly onPick: (type: string) => void;
  readonly onClose: () => void;
}

export function QuickAddMenu({ at, fits, onPick, onClose }: QuickAddMenuProps) {
  const baseId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState(at);
  const doc = useEditor((s) => s.doc);
  const kind = fits ? draggedPortKind(doc, NODE_REGISTRY, fits) : undefined;
  const candidates = useMemo(
    () => fittingDefinitions(NODE_DEFINITIONS, fits && kind ? { kind, side: fits.side } : undefined),
    [fits, kind],
  );
  const matches = useMemo(() => searchCatalogue(candidates, query), [candidates, query]);
  const activeIndex = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const rect = menu.getBoundingClientRect();
    setPlace(placeInViewport(at, rect, { width: window.innerWidth, height: window.innerHeight }));
  }, [at, matches.length]);

  useEffect(() => {
    // A press anywhere outside the menu closes it, as menus do.
    const onPointerDown = (event: PointerEvent) => {
      if (menuRef.current && !menuRef.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  useEffect(() => {
    if (activeIndex < 0) return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (
      event.key === 'ArrowDown' ||
      event.key === 'ArrowUp' ||
      event.key === 'PageDown' ||
      event.key === 'PageUp'
    ) {
      event.preventDefault();
      setActive(moveActive(activeIndex, event.key, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const def = matches[Math.max(activeIndex, 0)];
      if (def) onPick(def.type);
    } else if (event.key === 'Tab') {
      // The menu is transient: Tab leaves it, so close instead of stranding focus.
      onClose();
    }
  };

  const heading = !fits
    ? 'Add node'
    : kind === undefined
      ? 'Add node (the dragged port is gone)'
      : fits.side === 'output'
        ? `Add node that takes a ${kind} input`
        : `Add node that gives a ${kind} output`;

  return (
    <div
      ref={menuRef}
      className="quick-add"
      role="dialog"
      aria-label={heading}
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
    >
      <div className="quick-add-heading">
        {fits && kind && (
          <span className="port-dot" style={{ background: `var(--port-${kind})` }} aria-hidden="true" />
        )}
        {heading}
      </div>
      <input
        type="search"
        className="quick-add-search"
        placeholder="Type to filter…"
        aria-label="Search node types"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${baseId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <div id={`${baseId}-list`} className="quick-add-list" role="listbox" aria-label="Node types">
        {matches.map((def, index) => (
          <div
            key={def.type}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className={`quick-add-option${index === activeIndex ? ' active' : ''}`}
            data-type={def.type}
            title={def.doc}
            style={{ borderLeftColor: `var(--cat-${def.category})` }}
            onMouseMove={() => index !== activeIndex && setActive(index)}
            onClick={() => onPick(def.type)}
          >
            <span className="quick-add-title">{def.title}</span>
            <span className="quick-add-family">{CATEGORY_LABELS[def.category]}</span>
          </div>
        ))}
      </div>
      {matches.length === 0 && (
        <p className="quick-add-empty">
          {candidates.length === 0 ? 'No node type fits this port.' : 'No match.'}
        </p>
      )}
    </div>
  );
}
