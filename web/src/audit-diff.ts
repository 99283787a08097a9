/** Before/after of an audit record as rows a person can compare, one per changed-or-kept field. */

export interface DiffRow {
  /** dotted path, e.g. "role" or "department.name"; "" when the values are not objects */
  field: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaves of nested objects under dotted paths; arrays and scalars are leaves. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
}

/** Strings as they are (masked values stay masked), everything else as JSON. */
export function formatValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (before == null && after == null) return [];
  if (!isPlainObject(before ?? {}) || !isPlainObject(after ?? {})) {
    const b = formatValue(before ?? undefined);
    const a = formatValue(after ?? undefined);
    return [{ field: '', before: b, after: a, changed: b !== a }];
  }
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  flatten(before ?? {}, '', b);
  flatten(after ?? {}, '', a);
  b.delete('');
  a.delete('');
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.map((field) => {
    const bv = formatValue(b.get(field));
    const av = formatValue(a.get(field));
    return { field, before: bv, after: av, changed: bv !== av };
  });
}
