// Connecting ports from the keyboard, which React Flow's handles do not allow: a small dialog that
// lists the ports of one node, then the ports of other nodes a chosen port could join, each with
// the reason when the canvas would refuse it. Enter connects (one undo step).

import './connect-menu.css';
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import type { PortRef } from '../../core/graph/document';
import { formatType } from '../../core/types/ports';
import { editorStore, inferredFor, useEditor, useInferred } from '../../store';
import { moveActive } from '../panels/catalogue-search';
import { trapTab } from '../panels/focus-trap';
import { placeInViewport } from '../panels/quick-add';
import {
  filterTargets,
  portChoices,
  targetChoices,
  targetDetail,
  type PortChoice,
  type TargetChoice,
} from './connect-choices';

export interface ConnectMenuProps {
  readonly nodeId: string;
  /** Screen (client) coordinates of the menu's top-left corner. */
  readonly at: { readonly x: number; readonly y: number };
  /** Closes the menu; `message` says what was connected, when something was. */
  readonly onClose: (message?: string) => void;
}

const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);

const arrow = (side: PortChoice['side']) => (side === 'output' ? '→' : '←');

export function ConnectMenu({ nodeId, at, onClose }: ConnectMenuProps) {
  const baseId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const doc = useEditor((s) => s.doc);
  const types = useInferred();
  const node = doc.nodes.find((n) => n.id === nodeId);
  const title = (node && NODE_REGISTRY.get(node.type)?.title) ?? node?.type ?? nodeId;
  const ports = useMemo(() => portChoices(doc, NODE_REGISTRY, types, nodeId), [doc, types, nodeId]);
  // A node with a single port goes straight to the ports it could join.
  const [chosen, setChosen] = useState<PortChoice | null>(ports.length === 1 ? (ports[0] ?? null) : null);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [place, setPlace] = useState(at);

  const targets = useMemo(() => {
    if (!chosen) return [];
    const check = editorStore.getState().connectionProblem;
    return targetChoices(doc, NODE_REGISTRY, types, { node: nodeId, ...chosen }, check);
  }, [chosen, doc, types, nodeId]);
  const shown = useMemo(() => filterTargets(targets, query), [targets, query]);
  const count = chosen ? shown.length : ports.length;
  const activeIndex = Math.min(active, count - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  useLayoutEffect(() => {
    const rect = menuRef.current?.getBoundingClientRect();
    if (rect) setPlace(placeInViewport(at, rect, { width: window.innerWidth, height: window.innerHeight }));
  }, [at, chosen]);

  useEffect(() => {
    // A press anywhere outside the menu closes it, as menus do.
    const onPointerDown = (event: PointerEvent) => {
      if (menuRef.current && !menuRef.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  useEffect(() => {
    // Choosing a port, the list itself has focus (a div does not take autoFocus); then the filter.
    if (!chosen) listRef.current?.focus();
  }, [chosen]);

  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const choosePort = (port: PortChoice) => {
    setChosen(port);
    setActive(0);
    setQuery('');
    setProblem(null);
  };

  const connectTo = (target: TargetChoice) => {
    if (!chosen) return;
    if (target.problem !== null) {
      setProblem(target.problem);
      return;
    }
    const mine = { node: nodeId, port: chosen.port };
    const [from, to] = chosen.side === 'output' ? [mine, target.ref] : [target.ref, mine];
    const result = editorStore.getState().connect(from, to);
    if (!result.ok) {
      setProblem(result.reason);
      return;
    }
    onClose(connectedMessage(from, to));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (NAVIGATION_KEYS.has(event.key)) {
      event.preventDefault();
      setActive(moveActive(activeIndex, event.key, count));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!chosen) {
        const port = ports[Math.max(activeIndex, 0)];
        if (port) choosePort(port);
      } else {
        const target = shown[Math.max(activeIndex, 0)];
        if (target) connectTo(target);
      }
    } else if (menuRef.current) {
      trapTab(event, menuRef.current);
    }
  };

  const heading = chosen
    ? `Connect ${chosen.label} of ${title} ${nodeId} ${chosen.side === 'output' ? 'to' : 'from'}`
    : `Connect a port of ${title} ${nodeId}`;
  const listLabel = chosen
    ? chosen.side === 'output'
      ? 'Inputs it can feed'
      : 'Outputs that can feed it'
    : 'Ports';
  const activeDescendant = activeIndex >= 0 ? optionId(activeIndex) : undefined;

  return (
    <div
      ref={menuRef}
      className="connect-menu"
      role="dialog"
      aria-label={heading}
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
      data-testid="connect-menu"
    >
      <div className="connect-menu-heading">{heading}</div>
      {chosen && (
        <div className="connect-menu-row">
          {ports.length > 1 && (
            <button type="button" className="connect-menu-back" onClick={() => setChosen(null)}>
              ← Ports
            </button>
          )}
          <input
            type="search"
            className="connect-menu-search"
            placeholder="Type to filter…"
            aria-label="Filter nodes and ports"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${baseId}-list`}
            aria-autocomplete="list"
            aria-activedescendant={activeDescendant}
            autoFocus
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
              setProblem(null);
            }}
          />
        </div>
      )}
      <div
        ref={listRef}
        id={`${baseId}-list`}
        className="connect-menu-list"
        role="listbox"
        aria-label={listLabel}
        // Without a search field (choosing a port) the list itself takes focus and the arrow keys.
        {...(!chosen && { tabIndex: 0, 'aria-activedescendant': activeDescendant })}
      >
        {chosen
          ? shown.map((target, index) => (
              <div
                key={`${target.ref.node}\u0000${target.ref.port}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                aria-disabled={target.problem !== null}
                className={`connect-option${index === activeIndex ? ' active' : ''}${target.problem !== null ? ' refused' : ''}`}
                data-node={target.ref.node}
                data-port={target.ref.port}
                onMouseMove={() => index !== activeIndex && setActive(index)}
                onClick={() => connectTo(target)}
              >
                <span className="connect-option-name">
                  <span className="port-dot" style={{ background: `var(--port-${target.kind})` }} />
                  {target.nodeTitle} <span className="connect-option-id">{target.ref.node}</span> ·{' '}
                  {target.portLabel}
                </span>
                <span className="connect-option-detail">{targetDetail(target)}</span>
              </div>
            ))
          : ports.map((port, index) => (
              <div
                key={`${port.side}\u0000${port.port}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                className={`connect-option${index === activeIndex ? ' active' : ''}`}
                data-side={port.side}
                data-port={port.port}
                onMouseMove={() => index !== activeIndex && setActive(index)}
                onClick={() => choosePort(port)}
              >
                <span className="connect-option-name">
                  <span className="port-dot" style={{ background: `var(--port-${port.kind})` }} />
                  {arrow(port.side)} {port.label}
                </span>
                <span className="connect-option-detail">
                  {port.side}, {port.type ?? port.kind}
                </span>
              </div>
            ))}
      </div>
      {count === 0 && (
        <p className="connect-menu-empty">
          {chosen
            ? targets.length === 0
              ? 'No other node has a port on that side.'
              : 'No match.'
            : 'This node has no ports.'}
        </p>
      )}
      {problem !== null && (
        <p className="connect-menu-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** "Connected images of data to in of flatten: image [B,28,28,1]" for the status line. */
function connectedMessage(from: PortRef, to: PortRef): string {
  const type = inferredFor(editorStore.getState().doc).outputs.get(from.node)?.[from.port];
  const text = `Connected ${from.port} of ${from.node} to ${to.port} of ${to.node}`;
  return type === undefined ? text : `${text}: ${formatType(type)}`;
}
