/**
 * TS004 fragment decoder with the acceptance rules of the deployed decoders (reference
 * ts004-algorithm.md section 5): Semtech lineage (LoRaMac-node, LBM) by default, the JiapengLi/Zephyr
 * lowmem lineage with `acceptLateUncoded`. One code path serves two modes: rows only (decides exactly
 * when a device can rebuild the block; no data store) and payload (also rebuilds the bytes).
 *
 * Memory: nothing proportional to M is held in rows-only mode (Semtech lineage). The sorted list of
 * lost columns grows during the uncoded phase; the elimination matrix is allocated at the first coded
 * fragment, sized to the lost count L, and released when the decoder finishes, as is a bitset of the
 * coded fragments already processed (R bits).
 *
 * Work that cannot change an answer is skipped: a coded fragment already processed in this session
 * (a copy from another gateway, a repeat) lies in the span of the rows already inserted — the lost
 * set is frozen once coding starts and pivot rows are never changed — so it is ignored without
 * reduction or elimination; and the reason an uncoded fragment is ignored (duplicate or late, which
 * needs a search of the lost list) is worked out only by feed(), not by feedCode().
 */
import { MAX_FRAGMENT_COUNTER, type FecVariant } from './constants.js';
import { TriangularGf2 } from './elimination.js';
import { Ts004Error } from './errors.js';
import {
  CODE_IGNORED,
  FEED_DECODED,
  FEED_FAILED,
  FEED_IGNORED,
  FEED_ONGOING,
  type DecoderStatus,
  type FeedCode,
  type FeedResult,
} from './feed-result.js';
import { gatherLost, gatherLostRows, reduceWithPayload, sortedIndexOf } from './reduce.js';
import { ParityRowCache, slotBytes } from './rows.js';
import { checkFragSize, checkNbFrag } from './sizing.js';

export interface FragDecoderOptions {
  /** M, uncoded fragments of the block */
  nbFrag: number;
  fragSizeBytes: number;
  variant: FecVariant;
  /** largest number of lost uncoded fragments the device can hold (FRAG_MAX_REDUNDANCY); null = unbounded */
  maxLost: number | null;
  /** true: rebuild the bytes (feed needs payloads); false: rows only */
  payload: boolean;
  /** Zephyr/JiapengLi lineage: accept uncoded fragments in any order until the first coded one (5.6) */
  acceptLateUncoded?: boolean;
  /** shared parity rows for (variant, nbFrag), e.g. one per fleet */
  rows?: ParityRowCache;
  /** padding bytes at the end of the last fragment, dropped by result() (default 0) */
  paddingBytes?: number;
}

/** Scratch of #flushPending: the waiting rows reduced to the lost columns (decoders share one thread). */
let flushScratch = new Uint32Array(256);

const UNCODED = 0;
const CODED = 1;
const DECODED = 2;
const FAILED = 3;

// outcomes of one fragment inside the decoder: the three FeedCodes below CODE_IGNORED, then the
// reasons for ignoring it; the last two still need the lost list to tell duplicate from late
const R_ONGOING = 0;
const R_DECODED = 1;
const R_FAILED = 2;
const R_DUPLICATE = 3;
const R_LATE = 4;
const R_OUT_OF_RANGE = 5;
const R_WRONG_LENGTH = 6;
const R_AFTER = 7;
/** Semtech lineage: an uncoded N at or below the last accepted one */
const R_PASSED_IN_ORDER = 8;
/** Zephyr lineage: an uncoded N after coding started */
const R_PASSED_CODING = 9;

export class FragDecoder {
  readonly nbFrag: number;
  readonly fragSizeBytes: number;
  readonly variant: FecVariant;
  readonly maxLost: number | null;
  readonly payloadMode: boolean;
  readonly acceptLateUncoded: boolean;
  readonly paddingBytes: number;
  readonly rows: ParityRowCache;

  #phase = UNCODED;
  /** Semtech lineage: highest uncoded N accepted so far, M + 1 once coding started */
  #lastUncoded = 0;
  /** 0-based columns of the lost uncoded fragments, increasing; the first #lostLen entries are used */
  #lost: Uint16Array | null = null;
  #lostLen = 0;
  /** Zephyr lineage, uncoded phase: which uncoded fragments are held */
  #held: Uint32Array | null = null;
  #acceptedUncoded = 0;
  #nbFragReceived = 0;
  #rank = 0;
  #peakBytes = 0;
  /** coded phase: bit n set once coded fragment M + n was processed */
  #codedSeen: Uint32Array | null = null;
  /**
   * rows only, coded phase: the coded indices received while fewer than L rows had come, not yet
   * reduced nor eliminated (rank cannot reach L with fewer than L rows; see #coded)
   */
  #pending: Uint16Array | null = null;
  #pendingLen = 0;
  #system: TriangularGf2 | null = null;
  /** payload mode: M slots of slotBytes(FragSize) bytes; once decoded, a view of the M * FragSize bytes packed at its start */
  #data: Uint8Array | null = null;
  #data32: Uint32Array | null = null;
  #rhs: Uint32Array | null = null;
  /** the same right-hand side as bytes */
  #rhs8: Uint8Array | null = null;
  readonly #slotWords: number;

  constructor(options: FragDecoderOptions) {
    const { nbFrag, fragSizeBytes, variant, maxLost } = options;
    checkNbFrag(nbFrag);
    checkFragSize(fragSizeBytes);
    if (maxLost !== null && !(Number.isInteger(maxLost) && maxLost >= 0)) {
      throw new Ts004Error(`maxLost ${maxLost} is not a non-negative integer or null`);
    }
    const paddingBytes = options.paddingBytes ?? 0;
    if (!Number.isInteger(paddingBytes) || paddingBytes < 0 || paddingBytes >= nbFrag * fragSizeBytes) {
      throw new Ts004Error(`padding ${paddingBytes} is not an integer from 0 to ${nbFrag * fragSizeBytes - 1} bytes`);
    }
    const rows = options.rows ?? new ParityRowCache(variant, nbFrag);
    if (rows.variant !== variant || rows.nbFrag !== nbFrag) {
      throw new Ts004Error(`row cache is for ${rows.variant} with M = ${rows.nbFrag}, not ${variant} with M = ${nbFrag}`);
    }
    this.nbFrag = nbFrag;
    this.fragSizeBytes = fragSizeBytes;
    this.variant = variant;
    this.maxLost = maxLost;
    this.payloadMode = options.payload;
    this.acceptLateUncoded = options.acceptLateUncoded === true;
    this.paddingBytes = paddingBytes;
    this.rows = rows;
    this.#slotWords = slotBytes(fragSizeBytes) >>> 2;
    if (this.payloadMode) {
      this.#data32 = new Uint32Array(nbFrag * this.#slotWords);
      this.#data = new Uint8Array(this.#data32.buffer);
      this.#rhs = new Uint32Array(this.#slotWords);
      this.#rhs8 = new Uint8Array(this.#rhs.buffer);
    }
    if (this.acceptLateUncoded) this.#held = new Uint32Array((nbFrag + 31) >>> 5);
    this.#notePeak();
  }

  /**
   * Rows only, Semtech lineage, on a decoder that was fed nothing: takes the state a decoder has after
   * `nbFragReceived` uncoded fragments, the highest accepted being `lastUncoded`, with the columns
   * `lost[0 .. lostLen)` (increasing, all below lastUncoded - 1) lost on the way — the state feeding
   * them would build, kept meanwhile by the caller in its own arrays (src/sim/decoders.ts). `lost` is
   * taken over (null when lostLen is 0).
   */
  resumeUncoded(lastUncoded: number, lost: Uint16Array | null, lostLen: number, nbFragReceived: number): void {
    if (this.payloadMode || this.acceptLateUncoded || this.#nbFragReceived !== 0 || this.#phase !== UNCODED) {
      throw new Ts004Error('resumeUncoded needs a fresh rows-only decoder of the Semtech lineage');
    }
    if (!(lastUncoded >= 0 && lastUncoded <= this.nbFrag && lostLen <= lastUncoded && (lastUncoded < this.nbFrag || lostLen > 0) && (lostLen === 0 || (lost !== null && lost.length >= lostLen)))) {
      throw new Ts004Error(`cannot resume after N = ${lastUncoded} with ${lostLen} lost of M = ${this.nbFrag}`);
    }
    this.#lastUncoded = lastUncoded;
    this.#lost = lostLen > 0 ? lost : null;
    this.#lostLen = lostLen;
    this.#acceptedUncoded = lastUncoded - lostLen;
    this.#nbFragReceived = nbFragReceived;
    this.#notePeak();
  }

  /**
   * Processes fragment N (1-based) with its FragSize payload (payload mode) and says what happened.
   * Never throws for bad fragments: they are reported as ignored.
   */
  feed(n: number, payload?: Uint8Array): FeedResult {
    switch (this.#step(n, payload)) {
      case R_ONGOING: return FEED_ONGOING;
      case R_DECODED: return FEED_DECODED;
      case R_FAILED: return FEED_FAILED;
      case R_DUPLICATE: return FEED_IGNORED.duplicate;
      case R_LATE: return FEED_IGNORED.lateUncoded;
      case R_OUT_OF_RANGE: return FEED_IGNORED.outOfRange;
      case R_WRONG_LENGTH: return FEED_IGNORED.wrongLength;
      case R_AFTER: return FEED_IGNORED.afterCompletion;
      case R_PASSED_IN_ORDER:
        // equal to the last accepted N: re-stored by the references, no new information
        return n === this.#lastUncoded || !this.#isLost(n - 1) ? FEED_IGNORED.duplicate : FEED_IGNORED.lateUncoded;
      default:
        return this.#isLost(n - 1) ? FEED_IGNORED.lateUncoded : FEED_IGNORED.duplicate;
    }
  }

  /**
   * The same as feed(n, payload).status as a number (CODE_ONGOING, CODE_DECODED, CODE_FAILED,
   * CODE_IGNORED) with the same effect on the decoder, for callers that do not need the reason.
   */
  feedCode(n: number, payload?: Uint8Array): FeedCode {
    const r = this.#step(n, payload);
    return r >= CODE_IGNORED ? CODE_IGNORED : (r as FeedCode);
  }

  #step(n: number, payload: Uint8Array | undefined): number {
    if (!(n >= 1 && n <= MAX_FRAGMENT_COUNTER && Number.isInteger(n))) return R_OUT_OF_RANGE;
    if (payload === undefined ? this.payloadMode : payload.length !== this.fragSizeBytes) return R_WRONG_LENGTH;
    this.#nbFragReceived++;
    if (this.#phase >= DECODED) return R_AFTER;
    if (n <= this.nbFrag) return this.acceptLateUncoded ? this.#uncodedAnyOrder(n, payload) : this.#uncodedInOrder(n, payload);
    return this.#coded(n - this.nbFrag, payload);
  }

  get status(): DecoderStatus {
    return this.#phase === DECODED ? 'decoded' : this.#phase === FAILED ? 'failed' : 'ongoing';
  }

  /** TS004 2.0.0 NbFragReceived: every valid fragment fed, uncoded, coded and repeated (14-bit field on air). */
  get nbFragReceived(): number {
    return this.#nbFragReceived;
  }

  /** TS004 2.0.0 MissingFrag: uncoded fragments neither received nor rebuilt (0 once decoded). */
  get missingFrag(): number {
    return this.#phase === DECODED ? 0 : this.nbFrag - this.#acceptedUncoded;
  }

  /**
   * Uncoded fragments the decoder counts as lost: Semtech lineage, the gaps registered so far (the tail
   * is registered at the first coded fragment); Zephyr lineage, every uncoded fragment not yet held.
   */
  get lostCount(): number {
    return this.#phase === UNCODED && this.acceptLateUncoded ? this.nbFrag - this.#acceptedUncoded : this.#lostLen;
  }

  /** Independent coded rows so far (LBM's MissingFrag after the first coded fragment is lostCount - rank). */
  get rank(): number {
    if (this.#pendingLen > 0) this.#flushPending();
    return this.#rank;
  }

  /** Bytes of decoder state allocated now (typed arrays; the shared row cache is not counted). */
  stateBytes(): number {
    return (
      (this.#lost?.byteLength ?? 0) +
      (this.#held?.byteLength ?? 0) +
      (this.#codedSeen?.byteLength ?? 0) +
      (this.#pending?.byteLength ?? 0) +
      (this.#system?.bytes() ?? 0) +
      (this.#data?.buffer.byteLength ?? 0) +
      (this.#rhs?.byteLength ?? 0)
    );
  }

  /** Largest stateBytes() seen over the decoder's life (state is released when it finishes). */
  peakStateBytes(): number {
    return this.#peakBytes;
  }

  /** Payload mode, decoded: the rebuilt data block without padding (a view, do not modify). */
  result(): Uint8Array {
    return this.paddedResult().subarray(0, this.nbFrag * this.fragSizeBytes - this.paddingBytes);
  }

  /** Payload mode, decoded: all M * FragSize rebuilt bytes, padding included (a view). */
  paddedResult(): Uint8Array {
    if (this.#data === null || this.#phase !== DECODED) {
      throw new Ts004Error(
        this.payloadMode ? `nothing to return: the decoder is ${this.status}` : 'result() needs a decoder in payload mode',
      );
    }
    return this.#data;
  }

  /** Semtech lineage (5.2, 5.3): uncoded fragments are accepted in increasing N only. */
  #uncodedInOrder(n: number, payload: Uint8Array | undefined): number {
    const last = this.#lastUncoded;
    if (n <= last) return R_PASSED_IN_ORDER;
    this.#store(n, payload);
    for (let k = last + 1; k < n; k++) this.#pushLost(k - 1);
    this.#lastUncoded = n;
    if (n === this.nbFrag && this.#lostLen === 0) return this.#finish(DECODED);
    return R_ONGOING;
  }

  /** Zephyr lineage (5.6): any uncoded fragment before the first coded one fills its slot. */
  #uncodedAnyOrder(n: number, payload: Uint8Array | undefined): number {
    const c = n - 1;
    const held = this.#held;
    if (held === null) return R_PASSED_CODING;
    const mask = 1 << (c & 31);
    if ((held[c >>> 5] & mask) !== 0) return R_DUPLICATE;
    held[c >>> 5] |= mask;
    this.#store(n, payload);
    if (this.#acceptedUncoded === this.nbFrag) return this.#finish(DECODED);
    return R_ONGOING;
  }

  #coded(codedIndex: number, payload: Uint8Array | undefined): number {
    const maxLost = this.maxLost;
    // Semtech lineage checks the bound before registering the missing tail (5.4, vector dec-pub-11)
    if (maxLost !== null && !this.acceptLateUncoded && this.#lostLen > maxLost) return this.#finish(FAILED);
    if (this.#phase === UNCODED) this.#startCoding();
    const lostLen = this.#lostLen;
    if (maxLost !== null && lostLen > maxLost) {
      if (this.acceptLateUncoded) return this.#finish(FAILED);
      // Semtech lineage: this row is processed, but one row cannot complete L > 1 unknowns; the
      // failure is reported with the next coded fragment
      if (lostLen > 1) return R_ONGOING;
    }
    if (this.#markCodedSeen(codedIndex)) return R_ONGOING; // already in the span: no new information
    const rhs = this.#rhs;
    if (rhs === null && this.#system === null && this.#pendingLen + 1 < lostLen) {
      // rows only: with fewer than L rows the rank stays below L whatever they are, so their
      // reduction and elimination wait for the L-th row, in arrival order — the same pivot rows and
      // the same completion, without a matrix for a device that never gets L rows
      this.#pushPending(codedIndex);
      return R_ONGOING;
    }
    if (this.#pendingLen > 0) this.#flushPending();
    const system = this.#ensureSystem();
    const lost = this.#lost as Uint16Array;
    if (rhs === null) {
      gatherLost(this.rows, codedIndex, lost, lostLen, system.v);
    } else {
      // the bytes of a slot past FragSize are zero in every slot and so stay zero in rhs
      (this.#rhs8 as Uint8Array).set(payload as Uint8Array);
      reduceWithPayload(this.rows, codedIndex, lost, lostLen, system.v, rhs, this.#data32 as Uint32Array, this.#slotWords);
    }
    if (!system.insert(rhs)) return R_ONGOING;
    this.#rank = system.rank;
    if (!system.complete) return R_ONGOING;
    system.backSubstitute();
    this.#acceptedUncoded = this.nbFrag;
    return this.#finish(DECODED);
  }

  /** Marks coded fragment M + n as processed; true when it already was. */
  #markCodedSeen(codedIndex: number): boolean {
    const word = codedIndex >>> 5;
    let seen = this.#codedSeen;
    if (seen === null || word >= seen.length) {
      const grown = new Uint32Array(Math.max(word + 1, (seen?.length ?? 0) * 2, 4));
      if (seen !== null) grown.set(seen);
      this.#codedSeen = seen = grown;
      this.#notePeak();
    }
    const mask = 1 << (codedIndex & 31);
    if ((seen[word] & mask) !== 0) return true;
    seen[word] |= mask;
    return false;
  }

  #pushPending(codedIndex: number): void {
    let pending = this.#pending;
    if (pending === null || this.#pendingLen === pending.length) {
      const grown = new Uint16Array(Math.max(16, this.#pendingLen * 2));
      if (pending !== null) grown.set(pending);
      this.#pending = pending = grown;
      this.#notePeak();
    }
    pending[this.#pendingLen++] = codedIndex;
  }

  /** Reduces the waiting rows together and eliminates them in arrival order (fewer than L: the rank stays below L). */
  #flushPending(): void {
    const system = this.#ensureSystem();
    const lost = this.#lost as Uint16Array;
    const pending = this.#pending as Uint16Array;
    const words = system.words;
    const count = this.#pendingLen;
    if (flushScratch.length < count * words) flushScratch = new Uint32Array(count * words);
    const reduced = flushScratch;
    gatherLostRows(this.rows, pending, count, lost, this.#lostLen, reduced);
    const v = system.v;
    for (let i = 0; i < count; i++) {
      for (let w = 0; w < words; w++) v[w] = reduced[i * words + w];
      system.insert(null);
    }
    this.#rank = system.rank;
    this.#pending = null;
    this.#pendingLen = 0;
  }

  /** First coded fragment: the lost set is frozen (Semtech: the missing tail is registered). */
  #startCoding(): void {
    const nbFrag = this.nbFrag;
    const held = this.#held;
    if (held !== null) {
      this.#lost = new Uint16Array(nbFrag - this.#acceptedUncoded);
      for (let c = 0; c < nbFrag; c++) if ((held[c >>> 5] & (1 << (c & 31))) === 0) this.#lost[this.#lostLen++] = c;
      this.#held = null;
    } else {
      const tail = nbFrag - this.#lastUncoded;
      this.#reserveLost(this.#lostLen + tail, true);
      for (let k = this.#lastUncoded + 1; k <= nbFrag; k++) this.#pushLost(k - 1);
      this.#lastUncoded = nbFrag + 1;
    }
    this.#phase = CODED;
    this.#notePeak();
  }

  #ensureSystem(): TriangularGf2 {
    if (this.#system !== null) return this.#system;
    const lost = this.#lost as Uint16Array;
    const store = this.#data32 === null ? null : { data: this.#data32, lost, slotWords: this.#slotWords };
    this.#system = new TriangularGf2(this.#lostLen, store);
    this.#notePeak();
    return this.#system;
  }

  #store(n: number, payload: Uint8Array | undefined): void {
    this.#acceptedUncoded++;
    if (this.#data !== null) this.#data.set(payload as Uint8Array, (n - 1) * (this.#slotWords << 2));
  }

  #isLost(column: number): boolean {
    return this.#lost !== null && sortedIndexOf(this.#lost, this.#lostLen, column) >= 0;
  }

  #pushLost(column: number): void {
    if (this.#lost === null || this.#lostLen === this.#lost.length) this.#reserveLost(this.#lostLen + 1, false);
    (this.#lost as Uint16Array)[this.#lostLen++] = column;
  }

  /** Grows the lost list to hold `needed` entries: exactly when `exact`, else with doubling. */
  #reserveLost(needed: number, exact: boolean): void {
    const old = this.#lost;
    const capacity = old?.length ?? 0;
    if (exact ? capacity === needed : capacity >= needed) return;
    const grown = new Uint16Array(exact ? needed : Math.max(8, capacity * 2, needed));
    if (old !== null) grown.set(old.subarray(0, this.#lostLen));
    this.#lost = grown;
    this.#notePeak();
  }

  #finish(phase: typeof DECODED | typeof FAILED): number {
    this.#phase = phase;
    this.#system = null;
    this.#lost = null;
    this.#held = null;
    this.#codedSeen = null;
    this.#pending = null;
    this.#pendingLen = 0;
    this.#rhs = null;
    this.#rhs8 = null;
    this.#data32 = null;
    if (phase === FAILED) this.#data = null;
    else if (this.#data !== null) this.#data = this.#packSlots(this.#data);
    return phase === DECODED ? R_DECODED : R_FAILED;
  }

  /** Decoded payload: the fragments moved, in place, from their word-aligned slots to FragSize spacing. */
  #packSlots(data: Uint8Array): Uint8Array {
    const size = this.fragSizeBytes;
    const slot = this.#slotWords << 2;
    if (slot !== size) for (let k = 1; k < this.nbFrag; k++) data.copyWithin(k * size, k * slot, k * slot + size);
    return data.subarray(0, this.nbFrag * size);
  }

  #notePeak(): void {
    const bytes = this.stateBytes();
    if (bytes > this.#peakBytes) this.#peakBytes = bytes;
  }
}
