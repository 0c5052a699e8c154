/**
 * The demodulation paths of a gateway's concentrator (docs/models/sinr.md, "Demodulators").
 *
 * An SX1301 has eight multi-SF LoRa paths for the 125 kHz channels (SX1301 datasheet v2.4: "8x LoRa"
 * multi-SF demodulators among its 10 parallel demodulation paths; the SX1302 keeps 8 for SF7–SF12);
 * ns-3 models them as `m_maxReceptionPaths` = 8 (lorawan-facts 6.3). A frame that arrives above the
 * gateway's sensitivity while the gateway is not transmitting locks a free path from its start to
 * its end; when every path is busy the gateway does not receive it at all, however strong it is
 * (ns-3: "NoMoreReceivers"). A locked path stays busy even if the frame is later lost to
 * interference. Paths are taken in start order, which is the event order of the uplinks.
 */

export class DemodulatorPaths {
  /** per gateway × path: busy until, µs */
  private readonly busyUntilUs: Float64Array;
  /** frames lost because every path was busy, per gateway */
  readonly lostAllBusy: Uint32Array;

  constructor(
    readonly gateways: number,
    /** paths per gateway (0: unlimited) */
    readonly paths: number,
  ) {
    if (!Number.isInteger(paths) || paths < 0) throw new RangeError(`demodulator paths ${paths} must be a non-negative integer`);
    this.busyUntilUs = new Float64Array(gateways * Math.max(1, paths));
    this.lostAllBusy = new Uint32Array(gateways);
  }

  /** A frame [startUs, endUs) reaches gateway g: takes a free path (true) or is dropped (false). */
  lock(g: number, startUs: number, endUs: number): boolean {
    const p = this.paths;
    if (p === 0) return true;
    const base = g * p;
    for (let i = 0; i < p; i++) {
      if (this.busyUntilUs[base + i] <= startUs) {
        this.busyUntilUs[base + i] = endUs;
        return true;
      }
    }
    this.lostAllBusy[g]++;
    return false;
  }

  /** Paths of gateway g busy at time tUs. */
  busyAt(g: number, tUs: number): number {
    let n = 0;
    for (let i = 0; i < this.paths; i++) if (this.busyUntilUs[g * this.paths + i] > tUs) n++;
    return n;
  }
}
