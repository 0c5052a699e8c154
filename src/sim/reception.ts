/**
 * Delivery of one multicast frame to the devices of the group: the hot loop of the simulator.
 *
 * A member device receives a frame when it was listening for the whole frame (session window,
 * class B state, not deaf because of its own uplink or, in class C, its RX1 window) and the frame
 * passes the downlink chain of downlink-rx.ts: sensitivity, the other gateways' overlapping frames,
 * the Gilbert–Elliott burst state at the frame's end and the independent extra loss. Random draws
 * are counter-based on (seed, purpose, device, downlink id), so they do not depend on the order of
 * anything. The loop runs over typed arrays and allocates nothing.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { geLoss } from '../radio/burst.js';
import type { RunContext } from './context.js';
import { FEED_REPEAT, type FragmentSink } from './decoders.js';
import { DownlinkRx, SINR_REACH_MARGIN_DB } from './downlink-rx.js';
import { FADE_NONE } from './link-fading.js';

interface FrameRing {
  readonly fStart: Float64Array;
  readonly fEnd: Float64Array;
  readonly fGw: Int32Array;
  readonly fN: Int32Array;
  /** the frame's id among all downlinks (DownlinkAir) */
  readonly fAirId: Int32Array;
  /** PHY payload of a FragSessionStatusReq (frame N = 0), bytes */
  readonly statusPhyBytes: number;
}

export class FrameReceiver {
  private readonly rx: DownlinkRx;
  /** per gateway: the member devices within its reach, compacted as devices finish */
  private reach: Int32Array[] | null = null;
  private finishedSinceCompaction = 0;
  /** device-frame evaluations (for the benchmark's receptions per second) */
  evaluations = 0;
  onDecoded: ((device: number, atUs: number) => void) | null = null;
  /** a FragSessionStatusReq (frame N = 0) reached device d */
  onStatus: ((device: number, atUs: number) => void) | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly decoders: FragmentSink,
    private readonly ring: FrameRing,
  ) {
    this.rx = ctx.downlinkRx ??= new DownlinkRx(ctx);
  }

  /**
   * Lowest power worth evaluating: with fading, 15 dB below sensitivity is received with p < 3e-14
   * (a Rayleigh fade of +15 dB); SINR reception adds its own margin below sensitivity.
   */
  private reachDbm(): number {
    const { s, radio } = this.ctx.world;
    const fadeMargin = s.channel.fading === 'none' ? 0 : 15;
    const sinrMargin = s.channel.reception === 'sinr' ? SINR_REACH_MARGIN_DB : 0;
    return radio.deviceSensitivityDbm - fadeMargin - sinrMargin;
  }

  /** (Re)builds each gateway's list of members in reach that may still listen after `nowUs`. */
  private buildReach(nowUs: number): Int32Array[] {
    const { links, fleet } = this.ctx.world;
    const G = links.gateways;
    const floor = this.reachDbm();
    const rxDbm = this.rx.rxDbm;
    const lists: number[][] = Array.from({ length: G }, () => []);
    for (const d of this.ctx.members) {
      if (fleet.listenToUs[d] < nowUs) continue;
      for (let g = 0; g < G; g++) if (rxDbm[d * G + g] >= floor) lists[g].push(d);
    }
    this.finishedSinceCompaction = 0;
    return lists.map((l) => Int32Array.from(l));
  }

  /** A device stopped listening for good (decoded or failed); lists are compacted now and then. */
  noteFinished(): void {
    this.finishedSinceCompaction++;
  }

  deliver(k: number): void {
    const { world } = this.ctx;
    const { s, fleet, links, radio } = world;
    const ring = this.ring;
    const start = ring.fStart[k];
    const end = ring.fEnd[k];
    const g = ring.fGw[k];
    const n = ring.fN[k];
    const airId = ring.fAirId[k];
    const G = links.gateways;
    if (this.reach === null || this.finishedSinceCompaction * 4 > this.ctx.members.length) this.reach = this.buildReach(start);
    const list = this.reach[g];
    const rx = this.rx;
    // other gateways' frames overlapping this one on its channel (any kind of downlink)
    const nInt = rx.collect(start, end, g, radio.freqHz, radio.bwHz, radio.sf, n);
    const check = nInt > 0 || rx.alwaysCheck;
    const sinr = rx.sinr;
    // SINR reception: the frame's success table, and the lowest power with any chance
    const table = sinr === null ? null : sinr.downlinkTable(radio.sf, radio.bwHz, n === 0 ? ring.statusPhyBytes : radio.fragmentPhyBytes);

    const seed = s.seed;
    const sens = radio.deviceSensitivityDbm;
    const fading = rx.fading !== FADE_NONE;
    const floor = sinr === null ? sens : sens - SINR_REACH_MARGIN_DB;
    const burst = fleet.burst;
    const { lossGood, lossBad } = s.channel.burst;
    const extra = s.channel.extraLoss;
    const airUs = end - start;
    const classB = s.multicastGroup.dlClass === 'ClassB';
    const stopWhenDecoded = s.multicastGroup.stopListeningWhenDecoded;
    const rxDbm = rx.rxDbm;
    const { listenFromUs, listenToUs, deafFromUs, deafToUs, rx1FromUs, rx1ToUs, fragmentsReceived, decodedAtUs, fragmentsNeeded } = fleet;
    let evaluations = 0;

    for (let m = 0; m < list.length; m++) {
      const d = list[m];
      if (listenFromUs[d] > start || listenToUs[d] < end) continue;
      if (deafFromUs[d] < end && deafToUs[d] > start) continue;
      if (rx1FromUs[d] < end && rx1ToUs[d] > start) continue;
      evaluations++;
      // the burst process is looked at for every frame the device listens to (docs/models/reception.md)
      const burstState = burst === null ? 0 : burst.stateAt(d, end);
      let sig = rxDbm[d * G + g];
      if (fading) sig += rx.fadeDb(d, g, airId, start);
      if (sig < floor) continue;
      if (classB && sig >= sens) {
        // the ping-slot receiver locked on a preamble: it stays on for the whole frame
        fleet.slotFramesCount[d]++;
        fleet.slotFramesUs[d] += airUs;
      }
      if (table !== null) {
        if (!rx.sinrOk(d, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end, table, airId)) continue;
      } else if (check && !rx.interferenceOk(d, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end)) continue;
      if (burst !== null && geLoss(burstState, uniform(seed, Purpose.burstLoss, d, airId), lossGood, lossBad)) continue;
      if (extra > 0 && uniform(seed, Purpose.extraLoss, d, airId) < extra) continue;
      if (n === 0) {
        if (this.onStatus) this.onStatus(d, end);
        continue;
      }
      if (decodedAtUs[d] === decodedAtUs[d]) continue; // already rebuilt (not NaN): ignore
      const r = this.decoders.feed(d, n);
      if (r === FEED_REPEAT) continue; // another gateway's copy of a fragment it holds: not a new fragment
      fragmentsReceived[d]++;
      if (r === 1) {
        decodedAtUs[d] = end;
        fragmentsNeeded[d] = fragmentsReceived[d];
        if (stopWhenDecoded) {
          listenToUs[d] = end;
          this.finishedSinceCompaction++;
        }
        if (this.onDecoded) this.onDecoded(d, end);
      }
    }
    this.evaluations += evaluations;
  }
}
