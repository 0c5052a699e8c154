/**
 * The JSON-lines form of fragments used by `fuota-sim frag` (contract/results.md, "Fragment codec on
 * the command line"): one `{"n": N, "data": "<hex>"}` object per line.
 */
import type { Fragment } from './encoder.js';
import { fromHex, toHex } from './hex.js';

/** One fragment as a JSON line (no newline). */
export function fragmentLine(fragment: Fragment): string {
  return `{"n":${fragment.n},"data":"${toHex(fragment.data)}"}`;
}

/** A parsed line, or the reason it is malformed. */
export type ParsedFragmentLine = { ok: true; n: number; data: Uint8Array } | { ok: false; problem: string };

/** Parses one line; never throws. N is only checked to be an integer (range checks are the decoder's). */
export function parseFragmentLine(line: string): ParsedFragmentLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not a JSON object' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object' };
  const { n, data } = value as { n?: unknown; data?: unknown };
  if (typeof n !== 'number' || !Number.isInteger(n)) return { ok: false, problem: '"n" is not an integer' };
  if (typeof data !== 'string') return { ok: false, problem: '"data" is not a string' };
  try {
    return { ok: true, n, data: fromHex(data) };
  } catch {
    return { ok: false, problem: '"data" is not an even-length hex string' };
  }
}
