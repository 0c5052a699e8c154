/**
 * Deterministic number formatting for every result file (CSV and JSON), independent of locale.
 *
 * The rule (documented in docs/results.md):
 * - integers are written as integers (`42`, `-3`);
 * - other finite numbers are rounded to 6 decimal places when |v| >= 1 (microsecond resolution for
 *   seconds) and to 6 significant digits when |v| < 1, then written in the shortest form that reads
 *   back to that rounded value (`0.5`, `12345.678912`, `0.000123457`, `1.23457e-7`);
 * - NaN, ±Infinity, null and undefined are "no value": an empty CSV cell and `null` in JSON.
 */

/** The number a result file stores for `v`, or null for "no value". */
export function roundNumber(v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return v === 0 ? 0 : v; // folds -0 into 0
  const r = Math.abs(v) >= 1 ? Number(v.toFixed(6)) : Number(v.toPrecision(6));
  return r === 0 ? 0 : r;
}

/** One CSV cell for a number: the rounded value, or the empty string for "no value". */
export function formatNumber(v: number | null | undefined): string {
  const r = roundNumber(v);
  return r === null ? '' : String(r);
}

/** One CSV cell for any value: numbers by the rule above, booleans as `true`/`false`, null as empty. */
export function formatCell(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** A deep copy of `value` with every number rounded by the rule (non-finite → null); typed arrays become arrays. */
export function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return roundNumber(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => roundNumber(x));
  }
  if (Array.isArray(value)) return value.map(roundDeep);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[k] = roundDeep(v);
  }
  return out;
}

/** Stable JSON text for a result file: rounded numbers, two-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(roundDeep(value), null, 2)}\n`;
}

/** An integer with thin-space thousands separators (`100 000`), the same in every locale. */
export function groupDigits(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}
