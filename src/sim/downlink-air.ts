/**
 * Every downlink frame on the air, from every gateway: multicast fragments and status requests,
 * class A answers, beacons. A receiver asks which frames of other gateways overlapped the one it
 * wanted on a colliding frequency (|Δf| within 24 % of the bandwidth, lorawan-facts 6.3), so class A
 * and multicast frames face the same interference. Recent frames live in a ring of typed arrays;
 * the frame id (its position in the stream of all downlinks) also keys the receivers' random draws.
 */
import { frequenciesCollide } from '../radio/interference.js';

/** Smallest ring; it grows with the number of gateways (each has at most a few frames in any window). */
const MIN_RING = 4096;

export class DownlinkAir {
  private readonly size: number;
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  readonly gateway: Int32Array;
  readonly freqHz: Float64Array;
  readonly sf: Uint8Array;
  /** what the frame carries, so that copies of one frame from several gateways can be told (-1: unique) */
  readonly content: Int32Array;
  /** frames recorded so far; frame id i lives at i % size */
  count = 0;
  /** longest frame recorded, µs: no frame that started before t − this can reach t */
  private longestUs = 0;

  constructor(gateways: number) {
    let size = MIN_RING;
    while (size < 16 * gateways) size *= 2;
    this.size = size;
    this.startUs = new Float64Array(size);
    this.endUs = new Float64Array(size);
    this.gateway = new Int32Array(size);
    this.freqHz = new Float64Array(size);
    this.sf = new Uint8Array(size);
    this.content = new Int32Array(size);
  }

  /** Records a frame; returns its id. */
  add(startUs: number, airUs: number, gateway: number, freqHz: number, sf: number, content = -1): number {
    const id = this.count++;
    const k = id % this.size;
    this.startUs[k] = startUs;
    this.endUs[k] = startUs + airUs;
    this.gateway[k] = gateway;
    this.freqHz[k] = freqHz;
    this.sf[k] = sf;
    this.content[k] = content;
    if (airUs > this.longestUs) this.longestUs = airUs;
    return id;
  }

  /**
   * The frames of other gateways than `gateway` overlapping [startUs, endUs) on a frequency that
   * collides with freqHz at bandwidth bwHz: their ids go to `out` (at most out.length); returns how
   * many. Frames are kept in start order, so the scan stops at the first that started too early.
   */
  overlapping(startUs: number, endUs: number, gateway: number, freqHz: number, bwHz: number, out: Int32Array): number {
    let n = 0;
    const oldest = Math.max(0, this.count - this.size);
    for (let id = this.count - 1; id >= oldest && n < out.length; id--) {
      const k = id % this.size;
      const s = this.startUs[k];
      if (s < startUs - this.longestUs) break;
      if (s >= endUs || this.endUs[k] <= startUs || this.gateway[k] === gateway) continue;
      if (!frequenciesCollide(freqHz, this.freqHz[k], bwHz)) continue;
      out[n++] = id;
    }
    return n;
  }

  /** Ring slot of frame `id` (valid while the frame is among the last `size` recorded). */
  slot(id: number): number {
    return id % this.size;
  }
}
