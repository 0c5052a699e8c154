/**
 * The device-frames the multicast loop covers — a member device in reach of a frame's gateway that
 * was listening for the whole frame — counted without visiting every device (the fast loop in
 * reception.ts leaves most of them alone). The benchmark's workload (bench/sim-once.ts).
 *
 * Listening for frame f = [start, end): W (listenFromUs ≤ start and listenToUs ≥ end) and neither
 * window of the device overlaps f (deafFromUs…deafToUs, rx1FromUs…rx1ToUs). So
 *
 *   covered = Σ over members d, gateways g reaching d: #{frames of g with W}
 *             − #{(d, f): d in reach of f's gateway, W, and a window overlaps f}.
 *
 * First term: once the loop runs, listenFromUs only goes from Infinity to a time no delivered frame
 * started after (class B: the first beacon heard), and listenToUs only decreases, to a time no
 * delivered frame ended after (a device finishing now). So W for every frame, when it was delivered,
 * is W with the final values, and the term is worked out at the end: a gateway sends one frame at a
 * time, so its frames sorted by start are sorted by end, and the frames within [from, to] are a
 * range found by two binary searches. (Devices dropped from the reach lists had finished: W fails.)
 * Second term: only devices in OpenWindows can have a window overlapping a frame still to come; each
 * frame looks at those.
 */
import { lowerBound, upperBound } from '../engine/sorted.js';
import type { Fleet } from './world.js';

/** Each link's received power at the gateways' configured EIRP, dBm ([device * G + gateway]; DownlinkRx). */
export interface LinkPowers {
  rxDbmAt(link: number): number;
}

export class Coverage {
  private starts: Float64Array[];
  private ends: Float64Array[];
  private readonly counts: Int32Array;
  /** device-frames in reach with W but not listening (a window overlapped) */
  private notListening = 0;
  private cached = -1;

  constructor(
    private readonly gateways: number,
    /** longest multicast frame, µs: a frame delivered later started at most this long before now */
    private readonly longestAirUs: number,
  ) {
    this.starts = Array.from({ length: gateways }, () => new Float64Array(256));
    this.ends = Array.from({ length: gateways }, () => new Float64Array(256));
    this.counts = new Int32Array(gateways);
  }

  /**
   * Frame [start, end) of gateway g was delivered: logs it and counts the devices in its reach
   * (`isMember` by slot, received power at or above `reachDbm`) that listened by W but had a window open during it.
   */
  frame(g: number, start: number, end: number, fleet: Fleet, isMember: Uint8Array, rx: LinkPowers, reachDbm: number): void {
    this.cached = -1;
    let n = this.counts[g];
    if (n === this.starts[g].length) {
      this.starts[g] = grow(this.starts[g]);
      this.ends[g] = grow(this.ends[g]);
    }
    this.starts[g][n] = start;
    this.ends[g][n] = end;
    this.counts[g] = ++n;
    const G = this.gateways;
    const { listenFromUs, listenToUs, deafFromUs, deafToUs, rx1FromUs, rx1ToUs, openWindows: open } = fleet.bySlot;
    const { deviceOf } = fleet.order;
    open.prune(end - this.longestAirUs, deafToUs, rx1ToUs);
    for (let k = 0; k < open.count; k++) {
      const i = open.at(k);
      if (isMember[i] !== 1 || rx.rxDbmAt(deviceOf[i] * G + g) < reachDbm) continue;
      if (listenFromUs[i] > start || listenToUs[i] < end) continue;
      if ((deafFromUs[i] < end && deafToUs[i] > start) || (rx1FromUs[i] < end && rx1ToUs[i] > start)) this.notListening++;
    }
  }

  /** Device-frames covered so far (the members, their reach, their listening windows now). */
  covered(members: Int32Array, fleet: Fleet, rx: LinkPowers, reachDbm: number): number {
    if (this.cached >= 0) return this.cached;
    const G = this.gateways;
    let total = 0;
    for (let m = 0; m < members.length; m++) {
      const d = members[m];
      const i = fleet.order.slotOf[d];
      const from = fleet.bySlot.listenFromUs[i];
      const to = fleet.bySlot.listenToUs[i];
      if (!(from < to)) continue;
      for (let g = 0; g < G; g++) {
        const n = this.counts[g];
        if (n === 0 || rx.rxDbmAt(d * G + g) < reachDbm) continue;
        const first = lowerBound(this.starts[g], from, n);
        const afterLast = upperBound(this.ends[g], to, n);
        if (afterLast > first) total += afterLast - first;
      }
    }
    this.cached = total - this.notListening;
    return this.cached;
  }
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
