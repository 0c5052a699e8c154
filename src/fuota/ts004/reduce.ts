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

/** Blocks of 32 coded indices: 16383 coded fragments at most (MAX_FRAGMENT_COUNTER). */
const MAX_BLOCKS = 512;
/** Scratch of gatherLostRows: per block, its place among the batch's blocks (-1: none), the blocks, 32 words each. */
const slotOfBlock = new Int32Array(MAX_BLOCKS).fill(-1);
const touched = new Int32Array(MAX_BLOCKS);
let blockScratch = new Uint32Array(32 * 16);

/**
 * Rows only, a batch: for i < count, writes what gatherLost writes for row codedIndices[i] into
 * out[i * W .. i * W + W - 1], W = ceil(L / 32). Reads the rows column by column (ParityRowCache
 * columnBlock) and turns 32 lost columns of 32 rows around at a time (transpose32): O(L · B) word
 * reads and L · B / 32 transposes for rows in B blocks of 32 coded indices, instead of one bit test
 * per row and lost column. Only the blocks holding a row of the batch are read.
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
  let blocks = 0;
  for (let i = 0; i < count; i++) {
    const b = (codedIndices[i] - 1) >>> 5;
    if (slotOfBlock[b] < 0) {
      slotOfBlock[b] = blocks;
      touched[blocks++] = b;
    }
  }
  if (blockScratch.length < blocks << 5) blockScratch = new Uint32Array(blocks << 5);
  const scratch = blockScratch;
  for (let q = 0; q < words; q++) {
    const k0 = q << 5;
    const n = Math.min(32, lostLen - k0);
    // for every block: 32 words (lost column k0 + t, bit j for row 32b + 1 + j), then turned around
    for (let s = 0; s < blocks; s++) {
      const off = s << 5;
      const col = rows.columnBlock(touched[s]);
      for (let t = 0; t < n; t++) scratch[off + t] = col[lost[k0 + t]];
      for (let t = n; t < 32; t++) scratch[off + t] = 0;
      transpose32(scratch, off);
    }
    for (let i = 0; i < count; i++) {
      const r = codedIndices[i] - 1;
      out[i * words + q] = scratch[(slotOfBlock[r >>> 5] << 5) | (r & 31)];
    }
  }
  for (let s = 0; s < blocks; s++) slotOfBlock[touched[s]] = -1;
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
