/**
 * Incremental Gaussian elimination over GF(2) on coded rows reduced to the L lost columns
 * (reference ts004-algorithm.md 5.1, 5.2, 5.4). The L x L upper-triangular matrix is bit-packed in
 * 32-bit words and stored triangularly: row p (leading one in column p) keeps only words p>>5 .. W-1,
 * which is all elimination ever touches. In payload mode the pivot rows' right-hand sides live in the
 * data-store slots of the lost fragments themselves, as in the reference decoders; slots are whole
 * 32-bit words (FragSize rounded up, the extra bytes zero), so XORs run a word at a time.
 */
import { xorWords } from './rows.js';

/** Word offset of row p in the triangular store: sum over q < p of (W - (q >> 5)); integers below 2^23. */
function rowOffset(p: number, words: number): number {
  const block = p >>> 5;
  return ((block * words - ((block * (block - 1)) >>> 1)) << 5) + (p & 31) * (words - block);
}

/** Right-hand sides for payload mode: the data store (M slots), the lost fragment of each column, words per slot. */
export interface PayloadStore {
  data: Uint32Array;
  lost: Uint16Array;
  slotWords: number;
}

/**
 * rowOffset(p, words) for p < 32 · words, one table per `words` shared by every system of that width
 * (a constant of the layout, not decoder state): elimination reads an offset per pivot it applies.
 */
const offsetTables: Int32Array[] = [];
function rowOffsets(words: number): Int32Array {
  let t = offsetTables[words];
  if (t === undefined) {
    t = new Int32Array(words << 5);
    for (let p = 0; p < t.length; p++) t[p] = rowOffset(p, words);
    offsetTables[words] = t;
  }
  return t;
}

export class TriangularGf2 {
  readonly lostCount: number;
  readonly words: number;
  /** number of filled pivot rows (independent coded rows so far) */
  rank = 0;
  /** scratch: the row being inserted, L bits (callers fill it, insert() consumes it) */
  readonly v: Uint32Array;
  readonly #matrix: Uint32Array;
  readonly #filled: Uint32Array;
  readonly #store: PayloadStore | null;
  readonly #offsets: Int32Array;

  constructor(lostCount: number, store: PayloadStore | null) {
    this.lostCount = lostCount;
    this.words = (lostCount + 31) >>> 5;
    this.v = new Uint32Array(this.words);
    this.#matrix = new Uint32Array(rowOffset(lostCount, this.words));
    this.#filled = new Uint32Array(this.words);
    this.#store = store;
    this.#offsets = rowOffsets(this.words);
  }

  /** Bytes of the typed arrays this system holds. */
  bytes(): number {
    return this.v.byteLength + this.#matrix.byteLength + this.#filled.byteLength;
  }

  get complete(): boolean {
    return this.rank === this.lostCount;
  }

  /**
   * Eliminates `v` (and, in payload mode, its right-hand side `rhs`) against the pivot rows; stores it
   * as a new pivot row when something remains. Returns true when the rank grew. Clears `v`.
   */
  insert(rhs: Uint32Array | null): boolean {
    const v = this.v;
    const matrix = this.#matrix;
    const filled = this.#filled;
    const words = this.words;
    const store = this.#store;
    const offsets = this.#offsets;
    // always the lowest set bit of v: a pivot row cancels it (and touches only words >= w), or it
    // is the leading one of a new pivot row
    for (let w = 0; w < words; w++) {
      let word = v[w];
      while (word !== 0) {
        const low = word & -word;
        const p = (w << 5) + 31 - Math.clz32(low);
        if ((filled[w] & low) === 0) {
          const off = offsets[p] - w;
          for (let x = w; x < words; x++) {
            matrix[off + x] = v[x];
            v[x] = 0;
          }
          filled[w] |= low;
          if (store !== null && rhs !== null) store.data.set(rhs, store.lost[p] * store.slotWords);
          this.rank++;
          return true;
        }
        const off = offsets[p] - w;
        for (let x = w; x < words; x++) v[x] ^= matrix[off + x];
        if (store !== null && rhs !== null) xorWords(rhs, 0, store.data, store.lost[p] * store.slotWords, store.slotWords);
        word = v[w];
      }
    }
    return false; // no new information: the fragment is discarded
  }

  /** Payload mode, full rank: turns every lost slot into the recovered fragment (5.2, last step). */
  backSubstitute(): void {
    const store = this.#store;
    if (store === null) return;
    const { data, lost, slotWords: size } = store;
    const words = this.words;
    const matrix = this.#matrix;
    for (let i = this.lostCount - 2; i >= 0; i--) {
      const first = i >>> 5;
      const off = this.#offsets[i] - first;
      const target = lost[i] * size;
      for (let w = first; w < words; w++) {
        // keep only columns j > i (bit i is the pivot); for i & 31 = 31, 2 << 31 is 0 and the mask is 0
        let word = w === first ? matrix[off + w] & ~((2 << (i & 31)) - 1) : matrix[off + w];
        while (word !== 0) {
          const low = word & -word;
          const j = (w << 5) + 31 - Math.clz32(low);
          xorWords(data, target, data, lost[j] * size, size);
          word ^= low;
        }
      }
    }
  }
}
