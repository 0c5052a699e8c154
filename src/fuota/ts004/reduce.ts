/**
 * Reduction of a coded row to the lost columns (reference ts004-algorithm.md 5.2, "for every column c
 * set in row"): bit k of v is set when the k-th lost fragment is in the row; in payload mode every
 * received fragment in the row is XORed into the right-hand side. This is the fleet hot path.
 */
import { xorInto } from './encoder.js';
import type { ParityRowCache } from './rows.js';

/** Index of `value` in the first `length` entries of the sorted array, or -1. */
export function sortedIndexOf(sorted: Uint16Array, length: number, value: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    if (x === value) return mid;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Fills v (zeroed, L bits) for coded row n. Payload mode (rhs and data given) walks the row's sorted
 * columns and the sorted lost list together; rows-only mode iterates over whichever is smaller, the
 * lost list (testing the shared row bitset) or the row's columns (binary search in the lost list).
 */
export function reduceToLost(
  rows: ParityRowCache,
  codedIndex: number,
  lost: Uint16Array,
  lostLen: number,
  v: Uint32Array,
  rhs: Uint8Array | null,
  data: Uint8Array | null,
  fragSizeBytes: number,
): void {
  if (rhs !== null && data !== null) {
    const cols = rows.columns(codedIndex);
    let k = 0;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      while (k < lostLen && lost[k] < c) k++;
      if (k < lostLen && lost[k] === c) v[k >>> 5] |= 1 << (k & 31);
      else xorInto(rhs, 0, data, c * fragSizeBytes, fragSizeBytes);
    }
    return;
  }
  if (lostLen <= rows.weight(codedIndex)) {
    const bits = rows.bits(codedIndex);
    for (let k = 0; k < lostLen; k++) {
      const c = lost[k];
      if (((bits[c >>> 5] >>> (c & 31)) & 1) !== 0) v[k >>> 5] |= 1 << (k & 31);
    }
    return;
  }
  const cols = rows.columns(codedIndex);
  for (let i = 0; i < cols.length; i++) {
    const k = sortedIndexOf(lost, lostLen, cols[i]);
    if (k >= 0) v[k >>> 5] |= 1 << (k & 31);
  }
}
