// One inspector field generated from a param spec. Text kinds keep the student's text until it is
// accepted, and show why it was refused under the field.

import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import type { NetworkDef } from '../../core/graph/document';
import type { NumberParam, ParamSpec, ParamValue } from '../../core/types/params';
import type { EditResult } from '../../store/types';
import {
  formatParamValue,
  logSliderPosition,
  logSliderValue,
  numberHint,
  paramLabel,
  parseParamText,
  stepNumber,
  toggleNetwork,
} from './param-form';

export interface ParamFieldProps {
  readonly paramKey: string;
  readonly spec: ParamSpec;
  readonly value: ParamValue | undefined;
  readonly networks: readonly NetworkDef[];
  /** Messages inference has about this param (E_BAD_PARAM and the like). */
  readonly problems: readonly string[];
  readonly onSet: (value: ParamValue) => EditResult;
}

export function ParamField(props: ParamFieldProps) {
  const { paramKey, spec, value, problems } = props;
  const id = useId();
  const [refusal, setRefusal] = useState<string | null>(null);
  const set = (next: ParamValue): boolean => {
    const result = props.onSet(next);
    setRefusal(result.ok ? null : result.reason);
    return result.ok;
  };
  const describedBy = [`${id}-hint`, `${id}-message`].join(' ');
  const label = paramLabel(paramKey, spec);
  const invalid = refusal !== null;

  let control: ReactNode;
  switch (spec.kind) {
    case 'enum':
      control = (
        <select
          id={id}
          value={String(value ?? spec.default)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => set(event.target.value)}
        >
          {spec.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          aria-describedby={describedBy}
          onChange={(event) => set(event.target.checked)}
        />
      );
      // A checkbox reads best with its label beside it.
      return (
        <div className={`param-field param-boolean${invalid ? ' invalid' : ''}`} data-param={paramKey}>
          <div className="param-label-row">
            <label className="param-check">
              {control}
              {label}
            </label>
            {spec.live && <span className="param-live">changes while training</span>}
          </div>
          <div id={`${id}-hint`} className="param-hint">
            {spec.doc !== undefined && <span className="param-doc">{spec.doc}</span>}
          </div>
          <div id={`${id}-message`} className="param-message" role="status" aria-live="polite">
            {refusal ?? problems.join('; ')}
          </div>
        </div>
      );
    case 'network': {
      const known = props.networks.some((n) => n.id === value);
      control = (
        <select
          id={id}
          value={String(value ?? '')}
          aria-describedby={describedBy}
          aria-invalid={invalid || !known || undefined}
          onChange={(event) => set(event.target.value)}
        >
          {!known && (
            <option value={String(value ?? '')}>
              {value ? `missing: ${String(value)}` : 'choose a network…'}
            </option>
          )}
          {props.networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'networks':
      return <NetworkChecklist {...props} label={label} refusal={refusal} set={set} />;
    default:
      control = (
        <TextControl
          id={id}
          label={label}
          spec={spec}
          value={value}
          describedBy={describedBy}
          set={set}
          onRefuse={setRefusal}
          invalid={invalid}
        />
      );
  }

  const hint =
    spec.kind === 'number' ? numberHint(spec) : spec.kind === 'shape' ? 'per sample, e.g. 28, 28, 1' : '';
  return (
    <div className={`param-field param-${spec.kind}${invalid ? ' invalid' : ''}`} data-param={paramKey}>
      <div className="param-label-row">
        <label htmlFor={id}>{label}</label>
        {spec.live && <span className="param-live">changes while training</span>}
      </div>
      <div className="param-control-row">
        {control}
        {spec.kind === 'number' && spec.unit !== undefined && <span className="param-unit">{spec.unit}</span>}
      </div>
      <div id={`${id}-hint`} className="param-hint">
        {hint !== '' && <span className="param-range">{hint}</span>}
        {spec.doc !== undefined && <span className="param-doc">{spec.doc}</span>}
      </div>
      <div id={`${id}-message`} className="param-message" role="status" aria-live="polite">
        {refusal ?? problems.join('; ')}
      </div>
    </div>
  );
}

interface TextControlProps {
  readonly id: string;
  readonly label: string;
  readonly spec: ParamSpec;
  readonly value: ParamValue | undefined;
  readonly describedBy: string;
  readonly invalid: boolean;
  readonly set: (value: ParamValue) => boolean;
  readonly onRefuse: (reason: string | null) => void;
}

/** Numbers, shapes and text: edited as text and committed on Enter or when the field loses focus. */
function TextControl({ id, label, spec, value, describedBy, invalid, set, onRefuse }: TextControlProps) {
  // null: show the stored value; a string: the student's text, kept until it is accepted.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? formatParamValue(spec, value);

  const commit = (next: string) => {
    if (draft === null && next === formatParamValue(spec, value)) return;
    const parsed = parseParamText(spec, next);
    if (!parsed.ok) {
      setDraft(next);
      onRefuse(parsed.message);
      return;
    }
    if (formatParamValue(spec, parsed.value) === formatParamValue(spec, value)) {
      setDraft(null);
      onRefuse(null);
    } else if (set(parsed.value)) setDraft(null);
    else setDraft(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(event.currentTarget.value);
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault();
      setDraft(null);
      onRefuse(null);
    } else if (spec.kind === 'number' && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const parsed = parseParamText(spec, text);
      const current = parsed.ok && typeof parsed.value === 'number' ? parsed.value : spec.default;
      event.preventDefault();
      const next = stepNumber(spec, current, event.key === 'ArrowUp' ? 1 : -1);
      if (set(next)) setDraft(null);
    }
  };

  const input = (
    <input
      id={id}
      type="text"
      inputMode={spec.kind === 'number' ? 'decimal' : 'text'}
      spellCheck={false}
      autoComplete="off"
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={(event) => commit(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
  if (spec.kind !== 'number' || !spec.log) return input;
  return (
    <>
      {input}
      <LogSlider spec={spec} text={text} label={label} onSlide={(v) => commit(formatParamValue(spec, v))} />
    </>
  );
}

/** A slider over decades for log-scale numbers (learning rates); the store merges a slide into one undo step. */
function LogSlider(props: {
  readonly spec: NumberParam;
  readonly text: string;
  readonly label: string;
  readonly onSlide: (value: number) => void;
}) {
  const parsed = Number(props.text);
  const position = logSliderPosition(props.spec, Number.isFinite(parsed) ? parsed : props.spec.default);
  return (
    <input
      type="range"
      className="param-log-slider"
      min={0}
      max={1000}
      step={10}
      value={position}
      aria-label={`${props.label} (log scale)`}
      aria-valuetext={props.text}
      onChange={(event) => props.onSlide(logSliderValue(props.spec, Number(event.target.value)))}
    />
  );
}

function NetworkChecklist(
  props: ParamFieldProps & {
    readonly label: string;
    readonly refusal: string | null;
    readonly set: (value: ParamValue) => boolean;
  },
) {
  const chosen = Array.isArray(props.value) ? (props.value as readonly string[]) : [];
  const order = props.networks.map((n) => n.id);
  const message = props.refusal ?? props.problems.join('; ');
  return (
    <fieldset className="param-field param-networks" data-param={props.paramKey}>
      <legend>{props.label}</legend>
      {props.networks.length === 0 && <p className="param-hint">The document has no networks yet.</p>}
      {props.networks.map((network) => (
        <label key={network.id} className="param-check">
          <input
            type="checkbox"
            checked={chosen.includes(network.id)}
            onChange={(event) => props.set(toggleNetwork(chosen, network.id, event.target.checked, order))}
          />
          {network.name}
        </label>
      ))}
      {chosen
        .filter((id) => !order.includes(id))
        .map((id) => (
          <label key={id} className="param-check missing">
            <input
              type="checkbox"
              checked
              onChange={() => props.set(toggleNetwork(chosen, id, false, order))}
            />
            missing: {id}
          </label>
        ))}
      <p className="param-hint">
        {chosen.length === 0
          ? 'None chosen: every network before its losses is trained.'
          : (props.spec.doc ?? `${chosen.length} chosen.`)}
      </p>
      <div className="param-message" role="status" aria-live="polite">
        {message}
      </div>
    </fieldset>
  );
}
