/**
 * One TS004 decoder per device. Every device runs the rows-only decoder (it decides exactly when
 * the device can rebuild the image, from the fragment numbers it holds); a sample of devices also
 * runs the payload decoder on the real fragment bytes, and the two must complete on the same
 * fragment.
 *
 * The uncoded phase of a rows-only decoder (Semtech lineage, 5.2) is a few numbers per device: the
 * highest N accepted, the fragments received, and the columns lost on the way (a list only a device
 * that missed some holds). They live here in typed arrays, indexed by device, which is all a
 * fragment touches in that phase; a FragDecoder object is made, resumed from them
 * (`resumeUncoded`), only when something else comes: a coded fragment, an N out of range. Sampled
 * devices run objects from the start (their payload decoder needs the bytes anyway).
 * test/sim/decoders.test.ts checks every answer and counter against one plain decoder per device.
 */
import { FragDecoder } from '../fuota/ts004/decoder.js';
import { CODE_DECODED, CODE_FAILED } from '../fuota/ts004/feed-result.js';
import { ParityRowCache } from '../fuota/ts004/rows.js';
import type { FecVariant } from '../scenario/types.js';

export const FEED_CONTINUE = 0;
export const FEED_DONE = 1;
export const FEED_MEMORY_FAILURE = 2;
/** A copy of a frame the device already took (another gateway's copy of the same N): not a new fragment. */
export const FEED_REPEAT = 3;

/** What the distribution needs of the decoders: feed fragment N to device d (FEED_*). */
export interface FragmentSink {
  feed(device: number, n: number): number;
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
}

/** per-device phase: uncoded in the typed arrays (or nothing fed yet), or a FragDecoder object */
const TYPED = 0;
const OBJECT = 1;

export class FleetDecoders implements FragmentSink {
  private readonly objects: Array<FragDecoder | null>;
  private readonly phase: Uint8Array;
  /** typed phase: highest uncoded N accepted, lost columns so far, fragments fed (NbFragReceived) */
  private readonly lastUncoded: Uint16Array;
  private readonly lostLen: Uint16Array;
  private readonly received: Int32Array;
  /** typed phase: the lost columns, increasing (null until a device misses one) */
  private readonly lost: Array<Uint16Array | null>;
  private readonly sampleSlot: Int32Array;
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
    this.phase = new Uint8Array(o.count);
    this.lastUncoded = new Uint16Array(o.count);
    this.lostLen = new Uint16Array(o.count);
    this.received = new Int32Array(o.count);
    this.lost = new Array<Uint16Array | null>(o.count).fill(null);
    this.sampleSlot = new Int32Array(o.count).fill(-1);
    this.payloadDecoders = o.sample.map((d, i) => {
      this.sampleSlot[d] = i;
      this.phase[d] = OBJECT;
      return this.make(true);
    });
  }

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

  /** Feeds fragment N to device d: FEED_CONTINUE, FEED_DONE (just rebuilt) or FEED_MEMORY_FAILURE. */
  feed(d: number, n: number): number {
    if (this.phase[d] === TYPED && n >= 1 && n <= this.nbFrag && n === (n | 0)) {
      // FragDecoder's #uncodedInOrder, on the typed arrays
      this.received[d]++;
      const last = this.lastUncoded[d];
      if (n <= last) return FEED_CONTINUE; // at or below the last accepted: ignored, counted
      if (n > last + 1) this.addLost(d, last, n);
      this.lastUncoded[d] = n;
      if (n === this.nbFrag && this.lostLen[d] === 0) {
        this.reset(d); // every uncoded fragment in order: rebuilt, nothing left to hold
        return FEED_DONE;
      }
      return FEED_CONTINUE;
    }
    return this.feedObject(d, n);
  }

  /** Columns last .. n - 2 (fragments last + 1 .. n - 1) were lost. */
  private addLost(d: number, last: number, n: number): void {
    const len = this.lostLen[d];
    const needed = len + n - 1 - last;
    let list = this.lost[d];
    if (list === null || list.length < needed) {
      const grown = new Uint16Array(Math.max(8, (list?.length ?? 0) * 2, needed));
      if (list !== null) grown.set(list.subarray(0, len));
      this.lost[d] = list = grown;
    }
    for (let k = last + 1, at = len; k < n; k++) list[at++] = k - 1;
    this.lostLen[d] = needed;
  }

  /** Back to "nothing fed" (the decoder finished and was released). */
  private reset(d: number): void {
    this.phase[d] = this.sampleSlot[d] >= 0 ? OBJECT : TYPED;
    this.lastUncoded[d] = 0;
    this.lostLen[d] = 0;
    this.received[d] = 0;
    this.lost[d] = null;
  }

  /** The device's rows-only decoder object, made from its typed state the first time. */
  private object(d: number): FragDecoder {
    let dec = this.objects[d];
    if (dec !== null) return dec;
    dec = this.objects[d] = this.make(false);
    if (this.received[d] > 0) dec.resumeUncoded(this.lastUncoded[d], this.lost[d], this.lostLen[d], this.received[d]);
    this.phase[d] = OBJECT;
    this.lost[d] = null;
    return dec;
  }

  private feedObject(d: number, n: number): number {
    const slot = this.sampleSlot[d];
    const dec = this.object(d);
    const r = dec.feedCode(n);
    if (slot >= 0) {
      const p = this.payloadDecoders[slot].feedCode(n, this.o.payloadOf!(n));
      // both modes run the same elimination: they must agree fragment for fragment
      if ((p === CODE_DECODED) !== (r === CODE_DECODED) || (p === CODE_FAILED) !== (r === CODE_FAILED)) {
        throw new Error(`internal: rows-only and payload decoders disagree for device ${d} at N = ${n}`);
      }
    }
    if (r === CODE_DECODED || r === CODE_FAILED) {
      const bytes = dec.peakStateBytes();
      if (bytes > this.peakStateBytes) this.peakStateBytes = bytes;
      if (slot < 0) {
        // release the finished decoder; its outcome is recorded by the caller
        this.objects[d] = null;
        this.reset(d);
      }
      return r === CODE_DECODED ? FEED_DONE : FEED_MEMORY_FAILURE;
    }
    return FEED_CONTINUE;
  }

  /** Counters a FragSessionStatusAns would report (TS004 2.0.0 meaning), or null before any fragment. */
  status(d: number): { nbFragReceived: number; missingFrag: number } | null {
    const dec = this.objects[d];
    if (dec !== null) return { nbFragReceived: dec.nbFragReceived, missingFrag: dec.missingFrag };
    if (this.received[d] === 0) return null;
    return { nbFragReceived: this.received[d], missingFrag: this.nbFrag - (this.lastUncoded[d] - this.lostLen[d]) };
  }

  /** The bytes rebuilt by a sampled device (padding removed), or null when not sampled/finished. */
  rebuilt(d: number): Uint8Array | null {
    const slot = this.sampleSlot[d];
    if (slot < 0 || this.payloadDecoders[slot].status !== 'decoded') return null;
    return this.payloadDecoders[slot].result();
  }

  isSampled(d: number): boolean {
    return this.sampleSlot[d] >= 0;
  }
}
