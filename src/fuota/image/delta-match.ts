/**
 * The string matcher behind makeDelta: a Rabin–Karp rolling hash over MATCH_BYTES-byte windows
 * indexes the base (the VCDIFF source segment) and the part of the target window already encoded;
 * every target position looks up both, verifies and extends the candidates (forward, and backward
 * into pending unmatched bytes) and takes the longest, or a RUN of one repeated byte. Greedy, like
 * the Bentley–McIlroy scheme that VCDIFF encoders (RFC 3284 §8) build on. Typed arrays throughout.
 */
import { ADD, COPY, RUN } from './vcdiff-table.js';

/** Bytes hashed per window: the shortest match the matcher looks for. */
export const MATCH_BYTES = 16;
/** Candidates checked per hash bucket. */
const MAX_CHAIN = 8;
/** A run of one byte this long or longer becomes a RUN (cheaper than a COPY of it). */
const MIN_RUN = 8;
/** Base positions indexed per step: 1 up to this many bytes, then sparser so the index stays small. */
const DENSE_INDEX_BYTES = 8 << 20;
const HASH_MUL = 0x01000193;

/** Instructions of one target window, in order: ADD (arg = target offset), COPY (arg = address in U), RUN (arg = byte). */
export class Instructions {
  inst: number[] = [];
  size: number[] = [];
  arg: number[] = [];

  push(inst: number, size: number, arg: number): void {
    this.inst.push(inst);
    this.size.push(size);
    this.arg.push(arg);
  }
}

/** B^(MATCH_BYTES − 1) mod 2^32, for removing the byte that leaves the window. */
const OUT_FACTOR = ((): number => {
  let f = 1;
  for (let k = 1; k < MATCH_BYTES; k++) f = Math.imul(f, HASH_MUL);
  return f;
})();

function hashAt(bytes: Uint8Array, at: number): number {
  let h = 0;
  for (let k = 0; k < MATCH_BYTES; k++) h = (Math.imul(h, HASH_MUL) + bytes[at + k]) | 0;
  return h;
}

const roll = (h: number, out: number, inn: number): number => (Math.imul(h - Math.imul(out, OUT_FACTOR), HASH_MUL) + inn) | 0;

/** Hash chains over positions of one byte array. */
class ChainIndex {
  readonly head: Int32Array;
  readonly next: Int32Array;
  private readonly shift: number;

  constructor(positions: number, private readonly origin: number) {
    let bits = 10;
    while (bits < 24 && (1 << bits) < positions * 2) bits++;
    this.shift = 32 - bits;
    this.head = new Int32Array(1 << bits).fill(-1);
    this.next = new Int32Array(Math.max(1, positions));
  }

  bucket(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }

  /** Records position `pos` (absolute) under hash `h`. */
  insert(h: number, pos: number): void {
    const b = this.bucket(h);
    this.next[pos - this.origin] = this.head[b];
    this.head[b] = pos;
  }
}

/** Index of every `step`-th MATCH_BYTES window of the base. */
export function indexBase(base: Uint8Array): ChainIndex | null {
  if (base.length < MATCH_BYTES) return null;
  const step = Math.max(1, Math.ceil(base.length / DENSE_INDEX_BYTES));
  const index = new ChainIndex(base.length, 0);
  let h = hashAt(base, 0);
  for (let p = 0; p + MATCH_BYTES <= base.length; p++) {
    if (p % step === 0) index.insert(h, p);
    if (p + MATCH_BYTES < base.length) h = roll(h, base[p], base[p + MATCH_BYTES]);
  }
  return index;
}

export type BaseIndex = ReturnType<typeof indexBase>;

/**
 * Instructions that rebuild target[start, end) from the base (addresses 0..base.length−1) and the
 * window itself (addresses base.length + offset in the window).
 */
export function matchWindow(base: Uint8Array, baseIndex: BaseIndex, target: Uint8Array, start: number, end: number): Instructions {
  const out = new Instructions();
  const s = base.length;
  const self = new ChainIndex(end - start, start);
  let pending = start; // first target byte not yet covered by an instruction
  let i = start;
  let h = i + MATCH_BYTES <= end ? hashAt(target, i) : 0;
  while (i + MATCH_BYTES <= end) {
    let bestLen = 0;
    let bestFrom = 0; // target offset where the match starts (after backward extension)
    let bestAddr = 0;
    if (baseIndex !== null) {
      for (let c = baseIndex.head[baseIndex.bucket(h)], n = 0; c >= 0 && n < MAX_CHAIN; c = baseIndex.next[c], n++) {
        let f = 0;
        while (i + f < end && c + f < s && base[c + f] === target[i + f]) f++;
        if (f < MATCH_BYTES) continue;
        let b = 0;
        while (i - b > pending && c - b > 0 && base[c - b - 1] === target[i - b - 1]) b++;
        if (f + b > bestLen) { bestLen = f + b; bestFrom = i - b; bestAddr = c - b; }
      }
    }
    for (let c = self.head[self.bucket(h)], n = 0; c >= 0 && n < MAX_CHAIN; c = self.next[c - start], n++) {
      let f = 0;
      while (i + f < end && target[c + f] === target[i + f]) f++;
      if (f < MATCH_BYTES) continue;
      let b = 0;
      while (i - b > pending && c - b > start && target[c - b - 1] === target[i - b - 1]) b++;
      if (f + b > bestLen) { bestLen = f + b; bestFrom = i - b; bestAddr = s + (c - b - start); }
    }
    let run = 1;
    while (i + run < end && target[i + run] === target[i]) run++;
    const useRun = run >= MIN_RUN && run >= bestLen;
    if (!useRun && bestLen === 0) {
      self.insert(h, i);
      if (i + MATCH_BYTES < end) h = roll(h, target[i], target[i + MATCH_BYTES]);
      i++;
      continue;
    }
    const from = useRun ? i : bestFrom;
    const stop = useRun ? i + run : bestFrom + bestLen;
    if (from > pending) out.push(ADD, from - pending, pending);
    if (useRun) out.push(RUN, run, target[i]);
    else out.push(COPY, bestLen, bestAddr);
    // index the positions passed over so later bytes can copy from them
    for (; i < stop && i + MATCH_BYTES <= end; i++) {
      self.insert(h, i);
      if (i + MATCH_BYTES < end) h = roll(h, target[i], target[i + MATCH_BYTES]);
    }
    i = stop;
    pending = stop;
  }
  if (end > pending) out.push(ADD, end - pending, pending);
  return out;
}
