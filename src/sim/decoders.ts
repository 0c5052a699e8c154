/**
 * One TS004 decoder per device. Every device runs the rows-only decoder (it decides exactly when
 * the device can rebuild the image, from the fragment numbers it holds); a sample of devices also
 * runs the payload decoder on the real fragment bytes, and the two must complete on the same
 * fragment. Decoders are created on a device's first fragment; the rows-only decoder allocates its
 * elimination matrix only when coded fragments are needed.
 *
 * A device that hears several gateways gets each fragment several times in a row. Feeding an
 * uncoded fragment N again right after N changes nothing in a decoder but its NbFragReceived count
 * (it was accepted or ignored the first time and is ignored now, in every phase and lineage, see
 * FragDecoder), so such repeats only count here and are added to the decoder's count when asked.
 * Coded repeats go to the decoder: there a repeat can matter (the memory-bound failure is reported
 * on the coded fragment after the one that exceeded it).
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

export class FleetDecoders implements FragmentSink {
  private readonly rowsOnly: Array<FragDecoder | null>;
  private readonly sampleSlot: Int32Array;
  private readonly payloadDecoders: FragDecoder[];
  /**
   * per device d, two entries side by side: [2d] the uncoded N last fed to its rows-only decoder when
   * a repeat of it may be counted here (0 otherwise: nothing fed, a coded N, a sampled device, the
   * decoder finished); [2d + 1] the repeats counted here, part of its NbFragReceived
   */
  private readonly repeats: Int32Array;
  private readonly nbFrag: number;
  readonly rows: ParityRowCache;
  peakStateBytes = 0;
  /** an older N goes to the decoder (which counts it in NbFragReceived) */
  readonly dropsOlderN = false;

  constructor(private readonly o: FleetDecoderOptions) {
    this.rows = new ParityRowCache(o.variant, o.nbFrag);
    this.nbFrag = o.nbFrag;
    this.rowsOnly = new Array<FragDecoder | null>(o.count).fill(null);
    this.repeats = new Int32Array(2 * o.count);
    this.sampleSlot = new Int32Array(o.count).fill(-1);
    this.payloadDecoders = o.sample.map((d, i) => {
      this.sampleSlot[d] = i;
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
    const repeats = this.repeats;
    const at = d << 1;
    if (repeats[at] === n) {
      repeats[at + 1]++;
      return FEED_CONTINUE;
    }
    return this.feedDecoder(d, n);
  }

  /** feed() past the repeat check (kept apart so that feed() stays small enough to inline). */
  private feedDecoder(d: number, n: number): number {
    const repeats = this.repeats;
    const at = d << 1;
    const slot = this.sampleSlot[d];
    let dec = this.rowsOnly[d];
    if (dec === null) dec = this.rowsOnly[d] = this.make(false);
    const r = dec.feedCode(n);
    repeats[at] = n <= this.nbFrag && slot < 0 ? n : 0;
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
      if (slot < 0) this.rowsOnly[d] = null; // release the finished decoder; its outcome is recorded by the caller
      repeats[at] = 0;
      return r === CODE_DECODED ? FEED_DONE : FEED_MEMORY_FAILURE;
    }
    return FEED_CONTINUE;
  }

  /** Counters a FragSessionStatusAns would report (TS004 2.0.0 meaning), or null before any fragment. */
  status(d: number): { nbFragReceived: number; missingFrag: number } | null {
    const dec = this.rowsOnly[d];
    return dec ? { nbFragReceived: dec.nbFragReceived + this.repeats[(d << 1) + 1], missingFrag: dec.missingFrag } : null;
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
