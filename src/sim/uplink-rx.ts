/**
 * The gateways' side of one uplink (docs/models/sinr.md): its power at each gateway (with fading),
 * the demodulation path it takes at its start, and whether a gateway decodes it against the other
 * uplinks overlapping it and the external load, by the threshold rules or by SINR.
 *
 * - Demodulators: when the uplink starts, every gateway that hears it above its sensitivity and is
 *   not transmitting locks one of its `gateways.demodulators` paths for the frame (demodulators.ts);
 *   a gateway with all paths busy never receives it.
 * - Threshold: power-based capture and isolation (lorawan-facts 6.3), as before.
 * - SINR: PER draw on P / (N + Σ isolation-weighted interference energy over the overlap), keyed by
 *   (gateway, uplink id).
 * Fading: Rayleigh per (uplink, gateway) or the link's Clarke process (link-fading.ts).
 */
import { Purpose } from '../engine/rng.js';
import { survivesInterference, survivesInterferenceMw } from '../radio/interference.js';
import { interferenceMw, sinrDb } from '../radio/sinr.js';
import type { RunContext } from './context.js';
import { DemodulatorPaths } from './demodulators.js';
import { FADE_NONE, fadingMode, linkFadeDb } from './link-fading.js';
import { gatewayReceiverKey, SinrReceivers } from './sinr-rx.js';
import type { HearingList } from './hearing-list.js';

/** SINR reception: uplinks this far below the gateway sensitivity are never received. */
const SINR_MARGIN_DB = 6;

export class UplinkRx {
  readonly fading: number;
  readonly sinr: SinrReceivers | null;
  private readonly load: SinrReceivers | null;
  /** demodulation paths (null: unlimited) and, per ring slot × gateway, whether the uplink got one */
  readonly demodulators: DemodulatorPaths | null;
  private readonly locked: Uint8Array | null;
  private readonly G: number;

  constructor(private readonly ctx: RunContext, private readonly ringSize: number) {
    const { s, links } = ctx.world;
    this.G = links.gateways;
    this.fading = fadingMode(s);
    this.sinr = s.channel.reception === 'sinr' ? new SinrReceivers(s) : null;
    this.load = s.channel.externalLoad.airtimeShare > 0 ? (this.sinr ?? new SinrReceivers(s)) : null;
    const paths = s.gateways.demodulators;
    this.demodulators = paths > 0 ? new DemodulatorPaths(this.G, paths) : null;
    this.locked = paths > 0 ? new Uint8Array(ringSize * this.G) : null;
  }

  /** Lowest power at which a gateway may receive at sensitivity `sensDbm`. */
  floorDbm(sensDbm: number): number {
    return this.sinr === null ? sensDbm : sensDbm - SINR_MARGIN_DB;
  }

  /** Power (dBm) of uplink `id` of device d at gateway g, at the device's EIRP `txDbm`, with fading. */
  powerDbm(id: number, d: number, g: number, txDbm: number, startUs: number): number {
    const { s, links } = this.ctx.world;
    const p = txDbm - links.lossDb[d * this.G + g];
    if (this.fading === FADE_NONE) return p;
    return p + linkFadeDb(this.fading, s.seed, s.channel.dopplerHz, d, g, this.G, Purpose.uplinkFading, id, g, startUs);
  }

  /** Uplink `id` (ring slot r) starts: each gateway that hears it and is not transmitting locks a path. */
  lock(id: number, d: number, txDbm: number, sensDbm: number, startUs: number, endUs: number, hearing: HearingList | null = null): void {
    const dem = this.demodulators;
    if (dem === null) return;
    const { gateways } = this.ctx;
    const base = (id % this.ringSize) * this.G;
    const floor = this.floorDbm(sensDbm);
    if (hearing !== null && this.fading === FADE_NONE) {
      // the hearing list holds the gateways where this power reaches this floor (uplinks.ts): the
      // others lock nothing, these pass the power test below without working it out again
      this.locked!.fill(0, base, base + this.G);
      const from = d * hearing.stride + 1;
      const to = from + hearing.lists[from - 1];
      for (let h = from; h < to; h++) {
        const g = hearing.lists[h];
        const ok = gateways[g].busyUntilUs <= startUs && dem.lock(g, startUs, endUs);
        this.locked![base + g] = ok ? 1 : 0;
      }
      return;
    }
    for (let g = 0; g < this.G; g++) {
      // a gateway sends one frame at a time, starting now at the latest: busy until then means transmitting
      const ok = gateways[g].busyUntilUs <= startUs && this.powerDbm(id, d, g, txDbm, startUs) >= floor && dem.lock(g, startUs, endUs);
      this.locked![base + g] = ok ? 1 : 0;
    }
  }

  /**
   * Whether `decodes` is a function of its arguments alone: threshold reception without external
   * load (no draw, no load process), so it may be asked in any order and later in the same event.
   */
  decidesOnPowersAlone(): boolean {
    return this.sinr === null && this.load === null;
  }

  /**
   * `decodes` when decidesOnPowersAlone(): threshold reception without external load decides on the
   * wanted power and the `count` interferers' mW values and spreading factors alone. `sigMw`: the
   * wanted power in mW when the caller keeps it (survivesInterferenceMw).
   */
  decodesOnPowers(sigDbm: number, sf: number, mw: Float64Array, sfs: Float64Array, count: number, sigMw = NaN): boolean {
    return count === 0 || survivesInterferenceMw(sigDbm, sf, mw, sfs, count, sigMw);
  }

  /** Whether uplink `id` holds a demodulation path at gateway g (always, without a limit). */
  hasPath(id: number, g: number): boolean {
    return this.locked === null || this.locked[(id % this.ringSize) * this.G + g] === 1;
  }

  /** The external load's frames on freqHz over [fromUs, toUs) as heard by device d (LBT); returns how many. */
  externalHeard(d: number, freqHz: number, fromUs: number, toUs: number, dbm: Float64Array, sfs: Float64Array): number {
    return this.load === null ? 0 : this.load.appendExternal(d, freqHz, fromUs, toUs, dbm, sfs, 0);
  }

  /**
   * Whether gateway g decodes uplink `id` (received at sigDbm, SF sf, bandwidth bwHz, phyBytes) over
   * the `count` overlapping uplinks whose powers at g, SFs and overlaps (µs) the caller filled in.
   * The arrays must have room for the external load's frames after `count`. `mw`, when given, holds
   * the same powers in mW (Math.pow(10, dBm / 10)) for the first `count`.
   */
  decodes(
    id: number, g: number, sigDbm: number, sf: number, bwHz: number, freqHz: number, startUs: number, endUs: number, phyBytes: number,
    dbm: Float64Array, sfs: Float64Array, overlapUs: Float64Array, count: number, mw: Float64Array | null = null,
  ): boolean {
    const key = gatewayReceiverKey(this.ctx.world.fleet.count, g);
    let n = count;
    if (this.load !== null) n = this.load.appendExternal(key, freqHz, startUs, endUs, dbm, sfs, n, overlapUs);
    if (this.sinr === null) {
      if (mw !== null && n === count) return this.decodesOnPowers(sigDbm, sf, mw, sfs, n);
      return n === 0 || survivesInterference(sigDbm, sf, dbm, sfs, n);
    }
    const iMw = n === 0 ? 0 : interferenceMw(sf, endUs - startUs, dbm, sfs, overlapUs, n);
    return this.sinr.receives(this.sinr.uplinkTable(sf, bwHz, phyBytes), sinrDb(sigDbm, this.sinr.gatewayNoiseDbm(bwHz), iMw), key, id);
  }
}
