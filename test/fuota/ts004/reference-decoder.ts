/**
 * A deliberately plain TS004 decoder for tests: the acceptance rules of reference ts004-algorithm.md
 * 5.2-5.4 (Semtech lineage) and 5.6 (Zephyr lineage) written out directly, and Gaussian elimination
 * over GF(2) on full M-column rows (BigInt), with every accepted uncoded fragment as a unit row and
 * a byte right-hand side. No reduction to lost columns, no packed triangle, no skipped work: the
 * fast decoder must answer every fragment exactly as this one does.
 */
import { parityRowBits, type FecVariant } from '../../../src/fuota/ts004/index.js';

export type ReferenceAnswer = 'ongoing' | 'decoded' | 'failed' | 'duplicate' | 'late-uncoded' | 'out-of-range' | 'after-completion';

export interface ReferenceOptions {
  nbFrag: number;
  fragSizeBytes: number;
  variant: FecVariant;
  maxLost: number | null;
  acceptLateUncoded: boolean;
}

interface Equation {
  row: bigint;
  rhs: Uint8Array;
}

/** Index of the lowest set bit of x > 0. */
function lowestBit(x: bigint): number {
  return (x & -x).toString(2).length - 1;
}

export class ReferenceDecoder {
  state: 'uncoded' | 'coded' | 'decoded' | 'failed' = 'uncoded';
  nbFragReceived = 0;
  /** uncoded fragments (0-based columns) accepted */
  readonly accepted = new Set<number>();
  /** Semtech lineage: columns registered as lost so far */
  readonly registeredLost = new Set<number>();
  lastUncoded = 0;
  /** pivot column -> equation whose lowest set bit is that column */
  readonly basis = new Map<number, Equation>();
  codedRank = 0;
  #solution: Uint8Array | null = null;

  constructor(readonly o: ReferenceOptions) {}

  feed(n: number, payload: Uint8Array | null): ReferenceAnswer {
    const { nbFrag: m, maxLost } = this.o;
    if (!Number.isInteger(n) || n < 1 || n > 16383) return 'out-of-range';
    this.nbFragReceived++;
    if (this.state === 'decoded' || this.state === 'failed') return 'after-completion';
    const rhs = payload ?? new Uint8Array(this.o.fragSizeBytes);
    if (n <= m) return this.o.acceptLateUncoded ? this.#uncodedAnyOrder(n, rhs) : this.#uncodedInOrder(n, rhs);
    if (!this.o.acceptLateUncoded) {
      // 5.4: the bound is checked before the tail is registered
      if (maxLost !== null && this.registeredLost.size > maxLost) return this.#end('failed');
      if (this.state === 'uncoded') {
        for (let k = this.lastUncoded + 1; k <= m; k++) this.registeredLost.add(k - 1);
        this.lastUncoded = m + 1;
      }
    }
    this.state = 'coded';
    const lostCount = m - this.accepted.size;
    if (maxLost !== null && lostCount > maxLost) {
      if (this.o.acceptLateUncoded) return this.#end('failed');
      if (lostCount > 1) return 'ongoing'; // one row cannot complete two unknowns; failure comes next
    }
    const bits = parityRowBits(this.o.variant, n - m, m);
    let row = 0n;
    for (let c = 0; c < m; c++) if ((bits[c >>> 5] >>> (c & 31)) & 1) row |= 1n << BigInt(c);
    if (this.#insert(row, rhs.slice())) this.codedRank++;
    return this.basis.size === m ? this.#end('decoded') : 'ongoing';
  }

  /** The rebuilt M * FragSize bytes (payload given to every feed), or null before decoding. */
  solution(): Uint8Array | null {
    return this.#solution;
  }

  get missingFrag(): number {
    return this.state === 'decoded' ? 0 : this.o.nbFrag - this.accepted.size;
  }

  #uncodedInOrder(n: number, rhs: Uint8Array): ReferenceAnswer {
    if (this.state === 'coded' || n <= this.lastUncoded) {
      return n === this.lastUncoded || this.accepted.has(n - 1) ? 'duplicate' : 'late-uncoded';
    }
    for (let k = this.lastUncoded + 1; k < n; k++) this.registeredLost.add(k - 1);
    this.lastUncoded = n;
    this.#acceptUncoded(n, rhs);
    return n === this.o.nbFrag && this.registeredLost.size === 0 ? this.#end('decoded') : 'ongoing';
  }

  #uncodedAnyOrder(n: number, rhs: Uint8Array): ReferenceAnswer {
    if (this.accepted.has(n - 1)) return 'duplicate';
    if (this.state === 'coded') return 'late-uncoded';
    this.#acceptUncoded(n, rhs);
    return this.accepted.size === this.o.nbFrag ? this.#end('decoded') : 'ongoing';
  }

  #acceptUncoded(n: number, rhs: Uint8Array): void {
    this.accepted.add(n - 1);
    this.#insert(1n << BigInt(n - 1), rhs.slice());
  }

  /** Reduces by the lowest set bit until the row vanishes or brings a new pivot; true when it does. */
  #insert(row: bigint, rhs: Uint8Array): boolean {
    while (row !== 0n) {
      const p = lowestBit(row);
      const e = this.basis.get(p);
      if (e === undefined) {
        this.basis.set(p, { row, rhs });
        return true;
      }
      row ^= e.row;
      for (let i = 0; i < rhs.length; i++) rhs[i] ^= e.rhs[i];
    }
    return false;
  }

  #end(state: 'decoded' | 'failed'): ReferenceAnswer {
    this.state = state;
    if (state === 'decoded') this.#solution = this.#solve();
    return state;
  }

  /** Back-substitution from the highest column down: row p holds p and higher columns only. */
  #solve(): Uint8Array {
    const { nbFrag: m, fragSizeBytes: size } = this.o;
    const out = new Uint8Array(m * size);
    for (let p = m - 1; p >= 0; p--) {
      const e = this.basis.get(p)!;
      const x = e.rhs.slice();
      for (let rest = e.row ^ (1n << BigInt(p)); rest !== 0n; rest &= rest - 1n) {
        const j = lowestBit(rest);
        for (let i = 0; i < size; i++) x[i] ^= out[j * size + i];
      }
      out.set(x, p * size);
    }
    return out;
  }
}
