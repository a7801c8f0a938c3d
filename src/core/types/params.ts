// Param specs: the one declaration from which defaults, validation and the inspector form come.

interface ParamBase {
  /** Shown in the inspector; defaults to the param's key. */
  readonly label?: string;
  readonly doc?: string;
  /** Live params change during training without recompiling (learning rate, beta, k). */
  readonly live?: boolean;
}

export interface NumberParam extends ParamBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly integer?: boolean;
  readonly unit?: string;
  /** Suggests a logarithmic slider (learning rates). */
  readonly log?: boolean;
}

export interface EnumParam<O extends string = string> extends ParamBase {
  readonly kind: 'enum';
  readonly default: O;
  readonly options: readonly O[];
}

export interface BooleanParam extends ParamBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export interface StringParam extends ParamBase {
  readonly kind: 'string';
  readonly default: string;
}

/** A per-sample shape such as the target of a reshape: positive integers. */
export interface ShapeParam extends ParamBase {
  readonly kind: 'shape';
  readonly default: readonly number[];
}

/** The id of one network in the document (an instance applies it). */
export interface NetworkRefParam extends ParamBase {
  readonly kind: 'network';
  readonly default: string;
}

/** Ids of networks (an optimizer trains them; empty means every network upstream of its losses). */
export interface NetworkListParam extends ParamBase {
  readonly kind: 'networks';
  readonly default: readonly string[];
}

export type ParamSpec =
  NumberParam | EnumParam | BooleanParam | StringParam | ShapeParam | NetworkRefParam | NetworkListParam;

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

export type ParamValue = number | string | boolean | readonly number[] | readonly string[];

type ValueOf<S extends ParamSpec> = S extends NumberParam
  ? number
  : S extends EnumParam<infer O>
    ? O
    : S extends BooleanParam
      ? boolean
      : S extends ShapeParam
        ? readonly number[]
        : S extends NetworkListParam
          ? readonly string[]
          : string;

/** The params object a definition's functions receive: every key present and typed. */
export type ParamValues<P extends ParamSpecs> = { readonly [K in keyof P]: ValueOf<P[K]> };

export function defaultParams<P extends ParamSpecs>(specs: P): ParamValues<P> {
  const out: Record<string, ParamValue> = {};
  for (const [key, spec] of Object.entries(specs)) {
    out[key] = Array.isArray(spec.default)
      ? ([...(spec.default as readonly ParamValue[])] as ParamValue)
      : spec.default;
  }
  return out as ParamValues<P>;
}

/**
 * Why a value does not fit its spec, in words a student understands, or null when it fits.
 * The graph loader and the inspector both use this.
 */
export function paramProblem(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `expected a number, got ${describe(value)}`;
      if (spec.integer && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
      if (spec.min !== undefined && value < spec.min) return `${value} is below the minimum ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `${value} is above the maximum ${spec.max}`;
      return null;
    }
    case 'enum':
      if (typeof value !== 'string')
        return `expected one of ${spec.options.join(', ')}, got ${describe(value)}`;
      return spec.options.includes(value) ? null : `"${value}" is not one of ${spec.options.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case 'string':
    case 'network':
      return typeof value === 'string' ? null : `expected text, got ${describe(value)}`;
    case 'shape':
      if (!Array.isArray(value) || value.length === 0)
        return `expected a shape such as [7, 7, 32], got ${describe(value)}`;
      return value.every((d) => Number.isInteger(d) && d > 0)
        ? null
        : `every dimension must be a positive whole number, got [${value.join(', ')}]`;
    case 'networks':
      if (!Array.isArray(value)) return `expected a list of network ids, got ${describe(value)}`;
      return value.every((d) => typeof d === 'string') ? null : 'every network id must be text';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list [${value.slice(0, 4).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
