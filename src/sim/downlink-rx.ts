/**
 * What a device needs to receive a downlink frame, the same for every kind of frame (multicast
 * fragment, status request, class A answer): the signal (with per-frame fading when on) reaches the
 * device's sensitivity, it survives the frames of other gateways overlapping it on a colliding
 * frequency (co-SF capture 6 dB and the inter-SF isolation matrix, lorawan-facts 6.3), the device's
 * Gilbert–Elliott burst state at the frame's end lets it through, and the independent extra loss
 * spares it. Draws are counter-based on (seed, purpose, device, downlink id).
 *
 * The multicast hot loop (reception.ts) inlines the common case and calls `interferenceOk` only for
 * frames that overlap others; class A answers go through `receives`.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { geLoss } from '../radio/burst.js';
import { CAPTURE_THRESHOLD_DB, survivesInterference } from '../radio/interference.js';
import { rayleighFadingDb } from '../radio/normal.js';
import type { RunContext } from './context.js';

export const MAX_INTERFERERS = 64;

export class DownlinkRx {
  /** received power per link at the gateways' configured EIRP, dBm and mW ([device * G + gateway]) */
  readonly rxDbm: Float32Array;
  readonly rxMw: Float32Array;
  /** the interferers of the frame being evaluated: downlink id, gateway, spreading factor */
  readonly intId = new Int32Array(MAX_INTERFERERS);
  readonly intGw = new Int32Array(MAX_INTERFERERS);
  readonly intSf = new Uint8Array(MAX_INTERFERERS);
  /** how many, and whether all share the wanted frame's spreading factor */
  nInt = 0;
  allCoSf = true;
  private readonly dbm = new Float64Array(MAX_INTERFERERS);
  private readonly captureRatio = 10 ** (CAPTURE_THRESHOLD_DB / 10);

  constructor(private readonly ctx: RunContext) {
    const { s, links } = ctx.world;
    const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    this.rxDbm = new Float32Array(links.lossDb.length);
    this.rxMw = new Float32Array(links.lossDb.length);
    for (let i = 0; i < links.lossDb.length; i++) {
      this.rxDbm[i] = txDbm - links.lossDb[i];
      this.rxMw[i] = 10 ** (this.rxDbm[i] / 10);
    }
  }

  /** Power of a frame on freqHz relative to the configured EIRP, dB: the region's limit there caps it (lorawan-facts 2.4). */
  txOffsetDb(freqHz: number): number {
    const { s, region } = this.ctx.world;
    return Math.min(0, region.downlinkTxPowerDbm(freqHz) - s.gateways.txPowerDbm);
  }

  /** Collects the frames of other gateways overlapping the wanted one on a colliding frequency. */
  collect(startUs: number, endUs: number, gateway: number, freqHz: number, bwHz: number, sf: number): number {
    const air = this.ctx.downlinkAir;
    const n = air.overlapping(startUs, endUs, gateway, freqHz, bwHz, this.intId);
    let co = true;
    for (let i = 0; i < n; i++) {
      const k = air.slot(this.intId[i]);
      this.intGw[i] = air.gateway[k];
      this.intSf[i] = air.sf[k];
      if (air.sf[k] !== sf) co = false;
    }
    this.nInt = n;
    this.allCoSf = co;
    return n;
  }

  /**
   * Whether device d keeps the wanted frame (gateway g, received at sigDbm, spreading factor sf)
   * against the collected interferers; `offsetDb` is the frame power's offset (txOffsetDb).
   */
  interferenceOk(d: number, g: number, sigDbm: number, sf: number, offsetDb: number, fading: boolean): boolean {
    const n = this.nInt;
    if (n === 0) return true;
    const base = d * this.ctx.world.links.gateways;
    if (!fading && this.allCoSf && offsetDb === 0) {
      // fixed powers: compare the precomputed linear values (6 dB over the sum of the others)
      let sumMw = 0;
      for (let i = 0; i < n; i++) sumMw += this.rxMw[base + this.intGw[i]];
      return this.rxMw[base + g] >= this.captureRatio * sumMw;
    }
    const seed = this.ctx.world.s.seed;
    for (let i = 0; i < n; i++) {
      let p = this.rxDbm[base + this.intGw[i]] + offsetDb;
      if (fading) p += rayleighFadingDb(uniform(seed, Purpose.fading, d, this.intId[i]));
      this.dbm[i] = p;
    }
    return survivesInterference(sigDbm, sf, this.dbm, this.intSf, n);
  }

  /**
   * Whether device d receives one frame (downlink id airId) from gateway g: the whole chain above.
   * For frames outside the multicast loop (class A answers).
   */
  receives(d: number, g: number, airId: number, startUs: number, endUs: number, freqHz: number, sf: number, bwHz: number, sensDbm: number): boolean {
    const { s, fleet, links } = this.ctx.world;
    const seed = s.seed;
    const fading = s.channel.fading === 'rayleigh';
    const burstState = fleet.burst === null ? 0 : fleet.burst.stateAt(d, endUs);
    const offsetDb = this.txOffsetDb(freqHz);
    let sig = this.rxDbm[d * links.gateways + g] + offsetDb;
    if (fading) sig += rayleighFadingDb(uniform(seed, Purpose.fading, d, airId));
    if (sig < sensDbm) return false;
    this.collect(startUs, endUs, g, freqHz, bwHz, sf);
    if (!this.interferenceOk(d, g, sig, sf, offsetDb, fading)) return false;
    const b = s.channel.burst;
    if (fleet.burst !== null && geLoss(burstState, uniform(seed, Purpose.burstLoss, d, airId), b.lossGood, b.lossBad)) return false;
    return !(s.channel.extraLoss > 0 && uniform(seed, Purpose.extraLoss, d, airId) < s.channel.extraLoss);
  }
}
