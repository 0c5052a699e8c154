/**
 * Delivery of one downlink frame to the devices of the group: the hot loop of the simulator.
 *
 * A member device receives a frame when it was listening for the whole frame (session window,
 * class B state, not deaf because of its own uplink), the signal reaches its sensitivity, it
 * survives the other gateways' overlapping frames on the same channel (co-SF capture: at least
 * 6 dB above the sum of interferers, lorawan-facts 6.3), the Gilbert–Elliott burst state lets it
 * through and the independent extra loss spares it. Random draws are counter-based on
 * (seed, purpose, device, frame id), so they do not depend on the order of anything.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { geLoss, geStep } from '../radio/burst.js';
import { rayleighFadingDb } from '../radio/normal.js';
import { CAPTURE_THRESHOLD_DB } from '../radio/interference.js';
import type { RunContext } from './context.js';
import { FEED_REPEAT, type FragmentSink } from './decoders.js';

interface FrameRing {
  readonly fStart: Float64Array;
  readonly fEnd: Float64Array;
  readonly fGw: Int32Array;
  readonly nextFrameId: number;
}

const MAX_INTERFERERS = 16;

export class FrameReceiver {
  private readonly intGw = new Int32Array(MAX_INTERFERERS);
  private readonly intId = new Int32Array(MAX_INTERFERERS);
  /** received downlink power per link, dBm and mW ([device * G + gateway]) */
  private readonly rxDbm: Float32Array;
  private readonly rxMw: Float32Array;
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
    private readonly ring: FrameRing & { fN: Int32Array },
  ) {
    const { s, links } = ctx.world;
    const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    this.rxDbm = new Float32Array(links.lossDb.length);
    this.rxMw = new Float32Array(links.lossDb.length);
    for (let i = 0; i < links.lossDb.length; i++) {
      this.rxDbm[i] = txDbm - links.lossDb[i];
      this.rxMw[i] = 10 ** (this.rxDbm[i] / 10);
    }
  }

  /** Lowest power worth evaluating: with fading, 15 dB below sensitivity is received with p < 3e-14. */
  private reachDbm(): number {
    const { s, radio } = this.ctx.world;
    return s.channel.fading === 'rayleigh' ? radio.deviceSensitivityDbm - 15 : radio.deviceSensitivityDbm;
  }

  /** (Re)builds each gateway's list of members in reach that may still listen after `nowUs`. */
  private buildReach(nowUs: number): Int32Array[] {
    const { links, fleet } = this.ctx.world;
    const G = links.gateways;
    const floor = this.reachDbm();
    const lists: number[][] = Array.from({ length: G }, () => []);
    for (const d of this.ctx.members) {
      if (fleet.listenToUs[d] < nowUs) continue;
      for (let g = 0; g < G; g++) if (this.rxDbm[d * G + g] >= floor) lists[g].push(d);
    }
    this.finishedSinceCompaction = 0;
    return lists.map((l) => Int32Array.from(l));
  }

  /** A device stopped listening for good (decoded or failed); lists are compacted now and then. */
  noteFinished(): void {
    this.finishedSinceCompaction++;
  }

  deliver(id: number, k: number, ringSize: number): void {
    const { world } = this.ctx;
    const { s, fleet, links, radio } = world;
    const ring = this.ring;
    const start = ring.fStart[k];
    const end = ring.fEnd[k];
    const g = ring.fGw[k];
    const n = ring.fN[k];
    const G = links.gateways;
    if (this.reach === null || this.finishedSinceCompaction * 4 > this.ctx.members.length) this.reach = this.buildReach(start);
    const list = this.reach[g];

    // other gateways' frames overlapping this one (same channel: the group's frequency)
    let nInt = 0;
    const first = Math.max(0, id - ringSize + 1);
    for (let o = first; o < ring.nextFrameId && nInt < MAX_INTERFERERS; o++) {
      if (o === id) continue;
      const ko = o % ringSize;
      if (ring.fGw[ko] !== g && ring.fStart[ko] < end && ring.fEnd[ko] > start) {
        this.intGw[nInt] = ring.fGw[ko];
        this.intId[nInt] = o;
        nInt++;
      }
    }

    const seed = s.seed;
    const sens = radio.deviceSensitivityDbm;
    const fading = s.channel.fading === 'rayleigh';
    const burst = s.channel.burst;
    const useBurst = burst.model === 'gilbert-elliott';
    const extra = s.channel.extraLoss;
    const airUs = end - start;
    const classB = s.multicastGroup.dlClass === 'ClassB';
    const stopWhenDecoded = s.multicastGroup.stopListeningWhenDecoded;
    const captureRatio = 10 ** (CAPTURE_THRESHOLD_DB / 10);
    const { rxDbm, rxMw, intGw, intId } = this;
    const { listenFromUs, listenToUs, deafFromUs, deafToUs, geState, fragmentsReceived, decodedAtUs, fragmentsNeeded } = fleet;
    let evaluations = 0;

    for (let m = 0; m < list.length; m++) {
      const d = list[m];
      if (listenFromUs[d] > start || listenToUs[d] < end) continue;
      if (deafFromUs[d] < end && deafToUs[d] > start) continue;
      evaluations++;
      // the burst chain steps once per frame the device could detect (docs/models/reception.md)
      let burstState = 0;
      if (useBurst) {
        burstState = geStep(geState[d], uniform(seed, Purpose.burstStep, d, id), burst.pGoodToBad, burst.pBadToGood);
        geState[d] = burstState;
      }
      const base = d * G;
      let sig = rxDbm[base + g];
      if (fading) sig += rayleighFadingDb(uniform(seed, Purpose.fading, d, id));
      if (sig < sens) continue;
      if (classB) {
        // the ping-slot receiver locked on a preamble: it stays on for the whole frame
        fleet.slotFramesCount[d]++;
        fleet.slotFramesUs[d] += airUs;
      }
      if (nInt > 0) {
        // co-SF capture: the wanted frame must be 6 dB above the sum of the others (6.3); without
        // fading the powers are fixed, so the comparison runs on the precomputed linear values
        let sumMw = 0;
        if (fading) {
          for (let i = 0; i < nInt; i++) sumMw += 10 ** ((rxDbm[base + intGw[i]] + rayleighFadingDb(uniform(seed, Purpose.fading, d, intId[i]))) / 10);
          if (sig - 10 * Math.log10(sumMw) < CAPTURE_THRESHOLD_DB) continue;
        } else {
          for (let i = 0; i < nInt; i++) sumMw += rxMw[base + intGw[i]];
          if (rxMw[base + g] < captureRatio * sumMw) continue;
        }
      }
      if (useBurst && geLoss(burstState, uniform(seed, Purpose.burstLoss, d, id), burst.lossGood, burst.lossBad)) continue;
      if (extra > 0 && uniform(seed, Purpose.extraLoss, d, id) < extra) continue;
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
