// Safe reading of untrusted values from a file: own fields only, and descriptions that never throw.

export type RawRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field the object itself holds; inherited ones ("constructor", "toString") do not count. */
export function ownField(record: RawRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** `base.key`, or `base["odd key"]` when the key is not a plain name, so paths stay unambiguous. */
export function pathKey(base: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  const part = plain ? key : `[${JSON.stringify(key)}]`;
  if (base === '') return plain ? key : part;
  return plain ? `${base}.${key}` : `${base}${part}`;
}

const MAX_SHOWN = 40;

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** How a found value reads in a message: `"abc"`, `the number 5`, `a list of 3 items`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return clip(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value === 'boolean' ? 'the value' : 'the number'} ${String(value)}`;
  }
  if (Array.isArray(value))
    return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A valid value as it would be written in the file: `16`, `"relu"`, `[7, 7, 32]`. */
export function formatValue(value: unknown): string {
  try {
    if (Array.isArray(value)) return clip(`[${value.map((item) => JSON.stringify(item)).join(', ')}]`);
    return clip(JSON.stringify(value) ?? describeValue(value));
  } catch {
    return describeValue(value);
  }
}

/** A thrown value's message, whatever was thrown. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
