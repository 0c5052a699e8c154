/**
 * TS004 parity rows (reference ts004-algorithm.md 3.3 and 3.4). Row n (coded fragment N = M + n) is a
 * bitset of M bits; column c stands for uncoded fragment c + 1. Rows depend only on (variant, n, M),
 * so one ParityRowCache serves every device of a fleet.
 */
import { MAX_FRAGMENT_COUNTER, type FecVariant } from './constants.js';
import { Ts004Error } from './errors.js';
import { prbs23Seed, prbs23Step } from './prbs.js';
import { checkNbFrag } from './sizing.js';

/** Number of 32-bit words that hold `bits` bits. */
export function wordCount(bits: number): number {
  return (bits + 31) >>> 5;
}

/** Population count of a 32-bit word. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** XORs `count` 32-bit words of `src` from `srcWord` into `dst` from `dstWord`. */
export function xorWords(dst: Uint32Array, dstWord: number, src: Uint32Array, srcWord: number, count: number): void {
  for (let i = 0; i < count; i++) dst[dstWord + i] ^= src[srcWord + i];
}

/**
 * Transposes the 32 x 32 bit matrix a[off .. off + 31] in place: afterwards bit j of a[off + i] is what
 * bit i of a[off + j] was (bit 0 the lowest). Swaps off-diagonal blocks of 16, 8, 4, 2 and 1 (Hacker's
 * Delight 7-3): 80 word swaps instead of 1024 bit moves.
 */
export function transpose32(a: Uint32Array, off: number): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[off + k] >>> j) ^ a[off + k + j]) & m;
      a[off + k] ^= t << j;
      a[off + k + j] ^= t;
    }
  }
}

/** Bytes of a fragment slot in a word-aligned store: FragSize rounded up to whole 32-bit words. */
export function slotBytes(fragSizeBytes: number): number {
  return (fragSizeBytes + 3) & ~3;
}

/**
 * Computes the row of coded fragment n for M uncoded fragments. v1 counts every draw (a row has at
 * most floor(M/2) ones); v2 as deployed counts distinct columns only (exactly floor(M/2) ones).
 * Power-of-two M (including 1 and 2) draws modulo M + 1 and discards the value M.
 */
export function parityRowBits(variant: FecVariant, codedIndex: number, nbFrag: number): Uint32Array {
  checkNbFrag(nbFrag);
  checkCodedIndex(codedIndex, nbFrag);
  const bits = new Uint32Array(wordCount(nbFrag));
  const mod = (nbFrag & (nbFrag - 1)) === 0 ? nbFrag + 1 : nbFrag;
  const wanted = nbFrag >>> 1;
  const distinct = variant === 'v2';
  let x = prbs23Seed(codedIndex);
  let count = 0;
  while (count < wanted) {
    let r: number;
    do {
      x = prbs23Step(x);
      r = x % mod;
    } while (r >= nbFrag);
    const mask = 1 << (r & 31);
    const word = r >>> 5;
    if (distinct && (bits[word] & mask) !== 0) continue;
    bits[word] |= mask;
    count++;
  }
  return bits;
}

/** The set columns of a row bitset, in increasing order. */
export function bitsToColumns(bits: Uint32Array): Uint16Array {
  let weight = 0;
  for (let w = 0; w < bits.length; w++) weight += popcount32(bits[w]);
  const cols = new Uint16Array(weight);
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      cols[k++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return cols;
}

function checkCodedIndex(codedIndex: number, nbFrag: number): void {
  if (!Number.isInteger(codedIndex) || codedIndex < 1 || codedIndex > MAX_FRAGMENT_COUNTER - nbFrag) {
    throw new Ts004Error(
      `coded fragment index ${codedIndex} is outside 1..${MAX_FRAGMENT_COUNTER - nbFrag} for ${nbFrag} uncoded fragments`,
    );
  }
}

/**
 * Parity rows of one (variant, M), computed lazily once per n and then shared (read-only) by every
 * decoder and encoder that is given this cache. The returned arrays must not be modified.
 */
export class ParityRowCache {
  readonly variant: FecVariant;
  readonly nbFrag: number;
  readonly #bits: (Uint32Array | undefined)[] = [];
  readonly #columns: (Uint16Array | undefined)[] = [];
  readonly #columnBlocks: (Uint32Array | undefined)[] = [];

  constructor(variant: FecVariant, nbFrag: number) {
    if (variant !== 'v1' && variant !== 'v2') throw new Ts004Error(`unknown FEC variant ${String(variant)}`);
    checkNbFrag(nbFrag);
    this.variant = variant;
    this.nbFrag = nbFrag;
  }

  /** Row of coded fragment n (N = M + n) as a bitset of M bits. */
  bits(codedIndex: number): Uint32Array {
    const cached = this.#bits[codedIndex];
    if (cached !== undefined) return cached;
    const bits = parityRowBits(this.variant, codedIndex, this.nbFrag);
    this.#bits[codedIndex] = bits;
    return bits;
  }

  /** The set columns of row n, sorted (column c is uncoded fragment c + 1). */
  columns(codedIndex: number): Uint16Array {
    const cached = this.#columns[codedIndex];
    if (cached !== undefined) return cached;
    const cols = bitsToColumns(this.bits(codedIndex));
    this.#columns[codedIndex] = cols;
    return cols;
  }

  /**
   * Rows n = 32b + 1 .. 32b + 32 column by column: word c (c < M; the block is rounded up to whole
   * words of columns) holds column c of those rows, bit j for row 32b + 1 + j (0 for rows past the
   * last valid n). Thirty-two rows' bits at one column in one read:
   * the batched reduction to the lost columns (reduce.ts gatherLostRows) reads these.
   */
  columnBlock(b: number): Uint32Array {
    const cached = this.#columnBlocks[b];
    if (cached !== undefined) return cached;
    const nbFrag = this.nbFrag;
    const words = wordCount(nbFrag);
    const block = new Uint32Array(words << 5);
    const last = Math.min(32, MAX_FRAGMENT_COUNTER - nbFrag - 32 * b);
    const scratch = new Uint32Array(32);
    for (let w = 0; w < words; w++) {
      scratch.fill(0);
      for (let j = 0; j < last; j++) scratch[j] = this.bits(32 * b + 1 + j)[w];
      transpose32(scratch, 0);
      block.set(scratch, w << 5);
    }
    this.#columnBlocks[b] = block;
    return block;
  }

  /** Number of uncoded fragments XORed into coded fragment n. */
  weight(codedIndex: number): number {
    return this.columns(codedIndex).length;
  }

  /** Bytes held by the rows computed so far. */
  cachedBytes(): number {
    let total = 0;
    for (const b of this.#bits) if (b) total += b.byteLength;
    for (const c of this.#columns) if (c) total += c.byteLength;
    for (const b of this.#columnBlocks) if (b) total += b.byteLength;
    return total;
  }
}
