/**
 * Reduction of a coded row to the lost columns (reference ts004-algorithm.md 5.2, "for every column c
 * set in row"): bit k of v is set when the k-th lost fragment is in the row; in payload mode every
 * received fragment in the row is XORed into the right-hand side. This is the fleet hot path.
 */
import type { ParityRowCache } from './rows.js';
import { transpose32, xorWords } from './rows.js';

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
 * Rows only: writes the L bits of coded row n restricted to the lost columns into v (every word of
 * the first ceil(L / 32) is overwritten). One test of the shared row bitset per lost column, the
 * bits gathered a word at a time: O(L) whatever the row's weight.
 */
export function gatherLost(rows: ParityRowCache, codedIndex: number, lost: Uint16Array, lostLen: number, v: Uint32Array): void {
  const bits = rows.bits(codedIndex);
  let acc = 0;
  let k = 0;
  for (; k < lostLen; k++) {
    const c = lost[k];
    acc |= ((bits[c >>> 5] >>> (c & 31)) & 1) << (k & 31);
    if ((k & 31) === 31) {
      v[k >>> 5] = acc;
      acc = 0;
    }
  }
  if ((k & 31) !== 0) v[k >>> 5] = acc;
}

/** Scratch of gatherLostRows: 32 words per coded block in the batch. */
let blockScratch = new Uint32Array(32 * 16);

/**
 * Rows only, a batch: for i < count, writes what gatherLost writes for row codedIndices[i] into
 * out[i * W .. i * W + W - 1], W = ceil(L / 32). Reads the rows column by column (ParityRowCache
 * columnBlock) and turns 32 lost columns of 32 rows around at a time (transpose32): O(L · B) word
 * reads and L · B / 32 transposes for rows spread over B blocks of 32 coded indices, instead of one
 * bit test per row and lost column.
 */
export function gatherLostRows(
  rows: ParityRowCache,
  codedIndices: Uint16Array,
  count: number,
  lost: Uint16Array,
  lostLen: number,
  out: Uint32Array,
): void {
  if (count === 0) return;
  const words = (lostLen + 31) >>> 5;
  let lo = 0x7fffffff;
  let hi = -1;
  for (let i = 0; i < count; i++) {
    const b = (codedIndices[i] - 1) >>> 5;
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  const span = hi - lo + 1;
  if (blockScratch.length < span << 5) blockScratch = new Uint32Array(span << 5);
  const scratch = blockScratch;
  for (let q = 0; q < words; q++) {
    const k0 = q << 5;
    const n = Math.min(32, lostLen - k0);
    // for every block: 32 words (lost column k0 + t, bit j for row 32b + 1 + j), then turned around
    for (let b = lo; b <= hi; b++) {
      const off = (b - lo) << 5;
      const col = rows.columnBlock(b);
      for (let t = 0; t < n; t++) scratch[off + t] = col[lost[k0 + t]];
      for (let t = n; t < 32; t++) scratch[off + t] = 0;
      transpose32(scratch, off);
    }
    for (let i = 0; i < count; i++) {
      const r = codedIndices[i] - 1;
      out[i * words + q] = scratch[((((r >>> 5) - lo) << 5) | (r & 31))];
    }
  }
}

/**
 * Payload mode: walks the row's sorted columns and the sorted lost list together; sets bit k of v
 * (zeroed) for the lost ones and XORs every received fragment's slot (`slotWords` words of `data`)
 * into `rhs`.
 */
export function reduceWithPayload(
  rows: ParityRowCache,
  codedIndex: number,
  lost: Uint16Array,
  lostLen: number,
  v: Uint32Array,
  rhs: Uint32Array,
  data: Uint32Array,
  slotWords: number,
): void {
  const cols = rows.columns(codedIndex);
  let k = 0;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    while (k < lostLen && lost[k] < c) k++;
    if (k < lostLen && lost[k] === c) v[k >>> 5] |= 1 << (k & 31);
    else xorWords(rhs, 0, data, c * slotWords, slotWords);
  }
}
