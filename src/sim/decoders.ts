/**
 * One TS004 decoder per device. Every device runs the rows-only decoder (it decides exactly when
 * the device can rebuild the image, from the fragment numbers it holds); a sample of devices also
 * runs the payload decoder on the real fragment bytes, and the two must complete on the same
 * fragment.
 *
 * The uncoded phase of a rows-only decoder (Semtech lineage, 5.2) is a few numbers per device: the
 * highest N accepted, the fragments received, and the columns lost on the way (a bit per column).
 * They live here in typed arrays indexed by slot (the fleet's storage order, device-order.ts), a
 * record of four numbers that is all an in-order fragment touches in that phase. The coded phase
 * starts the same way: while fewer than L coded rows have come (L the lost columns, the tail
 * included), a rows-only decoder only notes them, because the rank cannot reach L (FragDecoder
 * #coded, "rows only"); here that note is a bit per slot and coded index, and the row count. A
 * FragDecoder object is made only when something else comes: the L-th coded row, a coded index not
 * above the last one taken, one beyond `codedCount`, a lost count above `maxLost`, an N out of range.
 * It is resumed from the typed state (`resumeUncoded`) and fed the noted coded indices again in the
 * order they came, so its state, its counters and its peak state bytes are those of an object made at
 * the first coded fragment. Sampled devices run objects from the start (their payload decoder
 * needs the bytes anyway).
 * test/sim/decoders.test.ts checks every answer and counter against one plain decoder per device.
 */
import { FragDecoder } from '../fuota/ts004/decoder.js';
import { CODE_DECODED, CODE_FAILED, CODE_ONGOING } from '../fuota/ts004/feed-result.js';
import { ParityRowCache } from '../fuota/ts004/rows.js';
import type { FecVariant } from '../scenario/types.js';
import { identityOrder, type DeviceOrder } from './device-order.js';
import { DecoderPipe, newPipeShared } from './decoder-pipe.js';
import { CODING, LAST, LOST, OBJECT, PHASE, RECEIVED, STRIDE, takeUncoded, TYPED } from './uncoded-record.js';

export const FEED_CONTINUE = 0;
export const FEED_DONE = 1;
export const FEED_MEMORY_FAILURE = 2;
/** A copy of a frame the device already took (another gateway's copy of the same N): not a new fragment. */
export const FEED_REPEAT = 3;

/**
 * What the distribution needs of the decoders: feed fragment N to the device in slot i (FEED_*; the
 * fleet's storage order, device-order.ts), and report a decoder that ran out of memory.
 */
export interface FragmentSink {
  /** feeds; a FEED_MEMORY_FAILURE is reported to the campaign only by `memoryFailure` */
  feed(slot: number, n: number): number;
  /** device d's decoder answered FEED_MEMORY_FAILURE: its session ends (the loop calls this after the frame, in device order) */
  memoryFailure(device: number): void;
  /**
   * true when feeding device d an N at most the highest N fed to d before returns FEED_REPEAT and
   * changes nothing (the multicast loop then does not evaluate such copies, reception.ts)
   */
  readonly dropsOlderN: boolean;
}

export interface FleetDecoderOptions {
  count: number;
  nbFrag: number;
  fragSizeBytes: number;
  paddingBytes: number;
  variant: FecVariant;
  maxLost: number | null;
  /** devices that also rebuild the bytes */
  sample: readonly number[];
  /** fragment N's payload as received (only needed when the sample is not empty) */
  payloadOf: ((n: number) => Uint8Array) | null;
  /** where each device's record sits (default: slot d is device d) */
  order?: DeviceOrder;
  /**
   * coded fragments the session sends (R): coded indices 1 .. R wait in the typed phase; 0 (the
   * default) makes an object at the first coded fragment
   */
  codedCount?: number;
  /**
   * uncoded fragments below NbFrag taken through a ring on a thread of their own (decoder-pipe.ts):
   * true starts the thread, false (the default) takes every fragment at once; 'ring' uses the ring
   * without a thread (the run's thread applies it at its drains; for tests). Results are the same.
   */
  pipe?: boolean | 'ring';
  /** entries of that ring (a power of two; default decoder-pipe.ts RING_ENTRIES; tests make it small) */
  pipeRingEntries?: number;
}

/** Bit c of slot i in a column-major per-slot bitset (FleetDecoders.lostBits, codedBits): word (c >>> 5) * count + i. */
function slotBit(bits: Uint32Array, count: number, i: number, c: number): number {
  return (bits[(c >>> 5) * count + i] >>> (c & 31)) & 1;
}

/** Clears bits 0 .. columns - 1 of slot i in a column-major per-slot bitset (columns >= 1). */
function clearSlotBits(bits: Uint32Array, count: number, i: number, columns: number): void {
  const lastWord = (columns - 1) >>> 5;
  for (let w = 0; w <= lastWord; w++) bits[w * count + i] = 0;
}

export class FleetDecoders implements FragmentSink {
  private readonly objects: Array<FragDecoder | null>;
  private readonly rec: Int32Array;
  /**
   * typed phase: a bit per slot and uncoded column, set when lost; word w of slot i at
   * w * count + i. Column-major because the fleet moves through the columns together: the devices a
   * frame feeds write the same word, side by side, instead of one cache line each far apart.
   */
  private readonly lostBits: Uint32Array;
  /**
   * CODING phase: a bit per slot and coded index (bit k for index k + 1), set when the row came;
   * column-major like lostBits
   */
  private readonly codedBits: Uint32Array;
  /** CODING phase, per slot: the coded rows noted (at 2i) and the last coded index taken (at 2i + 1) */
  private readonly coding: Int32Array;
  private readonly codedCount: number;
  private readonly count: number;
  /** per slot: the device's index among the payload decoders, -1 when not sampled */
  private readonly sampleSlot: Int32Array;
  /** per slot: 1 when sampled (a byte, so that a look at it stays in the caches) */
  private readonly sampled: Uint8Array;
  /** the ring to the decoders' thread, null when fragments are taken at once */
  private pipe: DecoderPipe | null = null;
  /**
   * true while every device that is not sampled is in the typed phase (none has taken a coded
   * fragment or made its object): only then may an uncoded fragment go through the ring, because
   * only then is the typed step all it does
   */
  private allTyped = true;
  /** entries applied by each thread, kept when the ring stops */
  private pipeByThread = 0;
  private pipeHere = 0;
  private readonly order: DeviceOrder;
  private readonly payloadDecoders: FragDecoder[];
  private readonly nbFrag: number;
  readonly rows: ParityRowCache;
  /** largest decoder state of a finished decoder, bytes (FragDecoder.peakStateBytes) */
  peakStateBytes = 0;
  /** an older N goes to the decoder (which counts it in NbFragReceived) */
  readonly dropsOlderN = false;

  constructor(private readonly o: FleetDecoderOptions) {
    this.rows = new ParityRowCache(o.variant, o.nbFrag);
    this.nbFrag = o.nbFrag;
    this.objects = new Array<FragDecoder | null>(o.count).fill(null);
    this.count = o.count;
    const recWords = o.count * STRIDE;
    const lostWords = o.count * ((o.nbFrag + 31) >>> 5);
    if (o.pipe === true || o.pipe === 'ring') {
      // the typed records in shared memory, for the decoders' thread
      const shared = newPipeShared(o.count, recWords, lostWords, o.pipeRingEntries);
      this.rec = shared.rec;
      this.lostBits = shared.lostBits;
      this.pipe = new DecoderPipe(shared, o.pipe === true);
    } else {
      this.rec = new Int32Array(recWords);
      this.lostBits = new Uint32Array(lostWords);
    }
    this.codedCount = o.codedCount ?? 0;
    this.codedBits = new Uint32Array(o.count * ((this.codedCount + 31) >>> 5));
    this.coding = new Int32Array(this.codedCount > 0 ? o.count * 2 : 0);
    this.sampleSlot = new Int32Array(o.count).fill(-1);
    this.sampled = new Uint8Array(o.count);
    this.order = o.order ?? identityOrder(o.count);
    this.payloadDecoders = o.sample.map((d, k) => {
      const i = this.order.slotOf[d];
      this.sampleSlot[i] = k;
      this.sampled[i] = 1;
      this.rec[i * STRIDE + PHASE] = OBJECT;
      return this.make(true);
    });
  }

  private deviceOf(i: number): number {
    return this.order.deviceOf[i];
  }

  /** FragmentSink: nothing to report beyond the decoder's answer. */
  memoryFailure(_device: number): void {}

  private make(payload: boolean): FragDecoder {
    return new FragDecoder({
      nbFrag: this.o.nbFrag,
      fragSizeBytes: this.o.fragSizeBytes,
      variant: this.o.variant,
      maxLost: this.o.maxLost,
      payload,
      rows: this.rows,
      paddingBytes: this.o.paddingBytes,
    });
  }

  /** Feeds fragment N to the device in slot i: FEED_CONTINUE, FEED_DONE (just rebuilt) or FEED_MEMORY_FAILURE. */
  feed(i: number, n: number): number {
    const pipe = this.pipe;
    // a sampled device's decoders are objects from the start: its record never goes through the ring
    if (pipe === null || this.sampled[i] === 1) return this.feedHere(i, n);
    if (this.allTyped && n >= 1 && n < this.nbFrag && n === (n | 0)) {
      // the typed step, which answers FEED_CONTINUE (decoder-pipe.ts): taken later, in order
      pipe.push(i, n);
      return FEED_CONTINUE;
    }
    pipe.drain();
    const r = this.feedHere(i, n);
    if (this.allTyped && this.rec[i * STRIDE + PHASE] !== TYPED) this.allTyped = false;
    return r;
  }

  /** Ends the decoders' thread, if any; fragments are taken at once from then on. */
  stopPipe(): void {
    if (this.pipe === null) return;
    this.pipe.stop();
    this.pipeByThread = this.pipe.appliedByThread;
    this.pipeHere = this.pipe.appliedHere;
    this.pipe = null;
  }

  /** Entries of the ring applied by the decoders' thread and by the run's thread (0 and 0 without a ring). */
  pipeApplied(): { byThread: number; here: number } {
    return { byThread: this.pipe?.appliedByThread ?? this.pipeByThread, here: this.pipe?.appliedHere ?? this.pipeHere };
  }

  private feedHere(i: number, n: number): number {
    const rec = this.rec;
    const r = i * STRIDE;
    if (rec[r + PHASE] === TYPED && n >= 1 && n <= this.nbFrag && n === (n | 0)) {
      // FragDecoder's #uncodedInOrder, on the record
      if (takeUncoded(rec, this.lostBits, this.count, i, n) && n === this.nbFrag && rec[r + LOST] === 0) {
        this.reset(i); // every uncoded fragment in order: rebuilt, nothing left to hold
        return FEED_DONE;
      }
      return FEED_CONTINUE;
    }
    if (rec[r + PHASE] !== OBJECT && this.waits(i, n)) return FEED_CONTINUE;
    return this.feedObject(i, n);
  }

  /**
   * Typed or CODING phase, fragment N that is not an in-order uncoded one: true when it was taken
   * here (a coded row noted while the rank cannot reach L, a copy of a noted row, or an uncoded N
   * once coding started: the last two ignored and counted, as FragDecoder does); false when the
   * device needs its object.
   */
  private waits(i: number, n: number): boolean {
    const rec = this.rec;
    const r = i * STRIDE;
    const nbFrag = this.nbFrag;
    const coded = n - nbFrag;
    const phase = rec[r + PHASE];
    if (phase === CODING && n >= 1 && n <= nbFrag && n === (n | 0)) {
      rec[r + RECEIVED]++; // uncoded after coding started: ignored (Semtech lineage, 5.3)
      return true;
    }
    if (!(coded >= 1 && coded <= this.codedCount && n === (n | 0))) return false;
    // lost columns once coding starts: the gaps and the missing tail (FragDecoder #startCoding)
    const lostLen = rec[r + LOST] + nbFrag - rec[r + LAST];
    const maxLost = this.o.maxLost;
    if (maxLost !== null && lostLen > maxLost) return false;
    const noted = phase === CODING ? this.coding[2 * i] : 0;
    const bit = coded - 1;
    const word = (bit >>> 5) * this.count + i;
    const mask = 1 << (bit & 31);
    if (phase === CODING && coded <= this.coding[2 * i + 1]) {
      if ((this.codedBits[word] & mask) === 0) return false; // out of order: the object keeps the arrival order
      rec[r + RECEIVED]++; // a row already noted: in the span, ignored and counted
      return true;
    }
    // the L-th row can complete the rank: the object reduces and eliminates them all
    if (noted + 1 >= lostLen) return false;
    this.codedBits[word] |= mask;
    this.coding[2 * i] = noted + 1;
    this.coding[2 * i + 1] = coded;
    rec[r + PHASE] = CODING;
    rec[r + RECEIVED]++;
    return true;
  }

  /** Back to "nothing fed" (the decoder finished and was released, or became an object). */
  private reset(i: number): void {
    const r = i * STRIDE;
    if (this.rec[r + PHASE] === CODING) {
      // a bit is set only for a noted row, and every noted row is at most the last one taken
      clearSlotBits(this.codedBits, this.count, i, this.coding[2 * i + 1]);
      this.coding[2 * i] = 0;
      this.coding[2 * i + 1] = 0;
    }
    // a bit is set only for a lost column, and every lost column is below LAST (takeUncoded)
    if (this.rec[r + LOST] > 0) clearSlotBits(this.lostBits, this.count, i, this.rec[r + LAST]);
    this.rec[r + PHASE] = this.sampleSlot[i] >= 0 ? OBJECT : TYPED;
    this.rec[r + LAST] = 0;
    this.rec[r + LOST] = 0;
    this.rec[r + RECEIVED] = 0;
  }

  /** The device's rows-only decoder object, made from its typed state the first time. */
  private object(i: number): FragDecoder {
    let dec = this.objects[i];
    if (dec !== null) return dec;
    dec = this.objects[i] = this.make(false);
    const r = i * STRIDE;
    const received = this.rec[r + RECEIVED];
    if (received > 0) {
      const lostLen = this.rec[r + LOST];
      let lost: Uint16Array | null = null;
      if (lostLen > 0) {
        lost = new Uint16Array(lostLen);
        const count = this.count;
        let k = 0;
        for (let c = 0; k < lostLen && c < this.nbFrag; c++) if (slotBit(this.lostBits, count, i, c)) lost[k++] = c;
        if (k < lostLen) throw new Error(`internal: device ${this.deviceOf(i)} counts ${lostLen} lost columns but ${k} are marked`);
      }
      // the noted coded rows are fed again below, each counted there
      const noted = this.rec[r + PHASE] === CODING ? this.coding[2 * i] : 0;
      dec.resumeUncoded(this.rec[r + LAST], lost, lostLen, received - noted);
      if (noted > 0) this.feedNoted(i, dec);
    }
    this.reset(i);
    this.rec[r + PHASE] = OBJECT;
    return dec;
  }

  /** The coded rows slot i noted, fed to its new object in the order they came (increasing index). */
  private feedNoted(i: number, dec: FragDecoder): void {
    const last = this.coding[2 * i + 1];
    for (let bit = 0; bit < last; bit++) {
      if (slotBit(this.codedBits, this.count, i, bit) === 0) continue;
      const r = dec.feedCode(this.nbFrag + bit + 1);
      if (r !== CODE_ONGOING) throw new Error(`internal: device ${this.deviceOf(i)}'s noted coded row ${bit + 1} answered ${r}`);
    }
  }

  private feedObject(i: number, n: number): number {
    const slot = this.sampleSlot[i];
    const dec = this.object(i);
    const r = dec.feedCode(n);
    if (slot >= 0) {
      const p = this.payloadDecoders[slot].feedCode(n, this.o.payloadOf!(n));
      // both modes run the same elimination: they must agree fragment for fragment
      if ((p === CODE_DECODED) !== (r === CODE_DECODED) || (p === CODE_FAILED) !== (r === CODE_FAILED)) {
        throw new Error(`internal: rows-only and payload decoders disagree for device ${this.deviceOf(i)} at N = ${n}`);
      }
    }
    if (r === CODE_DECODED || r === CODE_FAILED) {
      const bytes = dec.peakStateBytes();
      if (bytes > this.peakStateBytes) this.peakStateBytes = bytes;
      if (slot < 0) {
        // release the finished decoder; its outcome is recorded by the caller
        this.objects[i] = null;
        this.reset(i);
      }
      return r === CODE_DECODED ? FEED_DONE : FEED_MEMORY_FAILURE;
    }
    return FEED_CONTINUE;
  }

  /** Counters a FragSessionStatusAns would report (TS004 2.0.0 meaning), or null before any fragment. */
  status(d: number): { nbFragReceived: number; missingFrag: number } | null {
    const i = this.order.slotOf[d];
    if (this.sampled[i] === 0) this.pipe?.drain();
    const dec = this.objects[i];
    if (dec !== null) return { nbFragReceived: dec.nbFragReceived, missingFrag: dec.missingFrag };
    const r = i * STRIDE;
    if (this.rec[r + RECEIVED] === 0) return null;
    return { nbFragReceived: this.rec[r + RECEIVED], missingFrag: this.nbFrag - (this.rec[r + LAST] - this.rec[r + LOST]) };
  }

  /** The bytes rebuilt by a sampled device (padding removed), or null when not sampled/finished. */
  rebuilt(d: number): Uint8Array | null {
    const slot = this.sampleSlot[this.order.slotOf[d]];
    if (slot < 0 || this.payloadDecoders[slot].status !== 'decoded') return null;
    return this.payloadDecoders[slot].result();
  }

  isSampled(d: number): boolean {
    return this.sampleSlot[this.order.slotOf[d]] >= 0;
  }
}
