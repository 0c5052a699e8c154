/**
 * What a device needs to receive a downlink frame, the same for every kind of frame (multicast
 * fragment, status request, class A answer): the signal (with fading when on) reaches the device,
 * it survives the frames of other gateways overlapping it on a colliding frequency and the external
 * load, the device's Gilbert–Elliott burst state at the frame's end lets it through, and the
 * independent extra loss spares it. Draws are counter-based on (seed, purpose, device, downlink id).
 *
 * Two reception models (`channel.reception`, docs/models/sinr.md): "threshold", the sensitivity and
 * the capture / isolation thresholds on powers (lorawan-facts 6.3); "sinr", a PER draw on the SINR
 * with interference counted as isolation-weighted energy over the overlap. With
 * `channel.combineCopies`, copies of the same frame from other gateways arriving within one chip add
 * their power to the wanted frame instead of interfering (simulcast.ts).
 *
 * The multicast hot loop (reception.ts) inlines the common case and calls `interferenceOk` or
 * `sinrOk` only for what it needs; class A answers go through `receives`.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { geLoss } from '../radio/burst.js';
import { CAPTURE_THRESHOLD_DB, captureVerdictMw, survivesInterference, survivesInterferenceMw, VERDICT_FAILS_SURELY, VERDICT_SURVIVES } from '../radio/interference.js';
import { arrivalOffsetUs, copiesCombine, SPEED_OF_LIGHT_M_PER_S } from '../radio/simulcast.js';
import { interferenceMw, sinrDb } from '../radio/sinr.js';
import type { RunContext } from './context.js';
import { FADE_NONE, fadingMode, linkFadeDb } from './link-fading.js';
import { LinkMw } from './link-mw.js';
import { SinrReceivers } from './sinr-rx.js';
import { rowsInSlotOrder } from './device-order.js';

export const MAX_INTERFERERS = 64;
/** SINR reception: links this far below the device sensitivity are never received (PER > 1 − 1e-9). */
export const SINR_REACH_MARGIN_DB = 6;

export class DownlinkRx {
  /** the gateways' configured EIRP plus the devices' antenna gain, dBm: every downlink's power before its link's loss */
  private readonly txDbm: number;
  private readonly lossDb: Float32Array;
  /**
   * the link table in the fleet's storage order: [slot * G + gateway] holds the loss of device
   * deviceOf[slot]'s link (device-order.ts); the table itself when the fleet is stored as numbered.
   * The multicast loop visits devices in slot order, so their rows are read in ascending order
   * instead of scattered over the table (a cache miss per device-frame evaluated). Built for the
   * multicast loop only (`readBySlot`): a run that never opens a session, such as the readiness probe
   * on its own thread, does without the 4 bytes per link.
   */
  private lossBySlot: Float32Array | null = null;
  /** the interferers of the frame being evaluated: downlink id, gateway, spreading factor, overlap */
  readonly intId = new Int32Array(MAX_INTERFERERS);
  readonly intGw = new Int32Array(MAX_INTERFERERS);
  readonly intSf = new Uint8Array(MAX_INTERFERERS);
  private readonly intOverlapUs = new Float64Array(MAX_INTERFERERS);
  /** 1 when the interferer carries the same content as the wanted frame (a simulcast copy) */
  private readonly intCopy = new Uint8Array(MAX_INTERFERERS);
  /**
   * 1 when the interferer is a copy that may combine at some device: sent less than one chip plus
   * the light time between the two gateways (and 1 µs of margin) from the wanted frame; a copy sent
   * further apart arrives more than one chip apart everywhere (triangle inequality)
   */
  private readonly intMayCombine = new Uint8Array(MAX_INTERFERERS);
  private readonly intSendOffsetUs = new Float64Array(MAX_INTERFERERS);
  private readonly overlapScratch = new Float64Array(MAX_INTERFERERS);
  /** interferers gathered for the current device (gather) */
  private count = 0;
  /** how many, and whether all share the wanted frame's spreading factor */
  nInt = 0;
  allCoSf = true;
  private copies = 0;
  private readonly dbm = new Float64Array(MAX_INTERFERERS);
  private readonly sfs = new Float64Array(MAX_INTERFERERS);
  /** per link in slot order ([slot * G + gateway]), Math.pow(10, rxDbm / 10) in double precision, the value survivesInterference would work out */
  private readonly exactMw: LinkMw;
  private readonly mw = new Float64Array(MAX_INTERFERERS);
  private readonly captureRatio = 10 ** (CAPTURE_THRESHOLD_DB / 10);
  /**
   * Set by interferenceOk: it answered false, and would for any interferers these are a
   * subsequence of (per spreading factor), at the same powers, by the same rule, with no copy that
   * combines (the linear rule's failures, and the capture rule's beyond its dB band: VERDICT_FAILS_SURELY)
   */
  lastFailSure = false;
  /** interferenceOk calls so far (the benchmark reports them) */
  checks = 0;
  /** fading mode (link-fading.ts) */
  readonly fading: number;
  /** the SINR receivers when `channel.reception` is "sinr", else null */
  readonly sinr: SinrReceivers | null;
  /** the external load makes every frame worth an interference check */
  readonly alwaysCheck: boolean;
  /** the external load's generator (null when there is none) */
  private readonly load: SinrReceivers | null;

  constructor(private readonly ctx: RunContext) {
    const { s, links } = ctx.world;
    const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    this.txDbm = txDbm;
    this.lossDb = links.lossDb;
    const G = links.gateways;
    const { deviceOf } = ctx.world.fleet.order;
    // slot link i * G + g is device deviceOf[i]'s link to g: the same value rxDbmAt gives there
    this.exactMw = new LinkMw((slotLink) => {
      const i = Math.floor(slotLink / G);
      return this.rxDbmAt(deviceOf[i] * G + (slotLink - i * G));
    }, links.lossDb.length);
    this.fading = fadingMode(s);
    this.sinr = s.channel.reception === 'sinr' ? new SinrReceivers(s) : null;
    this.load = s.channel.externalLoad.airtimeShare > 0 ? (this.sinr ?? new SinrReceivers(s)) : null;
    this.alwaysCheck = s.channel.externalLoad.airtimeShare > 0;
  }

  /**
   * Received power on a link ([device * G + gateway]) at the gateways' configured EIRP, dBm, in single
   * precision: the value a Float32Array of txDbm − loss held. Worked out at each read instead of kept:
   * a table cost 4 bytes per link, 400 MB at a million devices under 100 gateways.
   */
  rxDbmAt(link: number): number {
    return Math.fround(this.txDbm - this.lossDb[link]);
  }

  /** Builds the slot-ordered link table `rxDbmAtSlot` reads (once; the multicast loop asks before its first frame). */
  readBySlot(): void {
    const { links, fleet } = this.ctx.world;
    this.lossBySlot ??= rowsInSlotOrder(links.lossDb, links.gateways, fleet.order);
  }

  /** rxDbmAt of the link [slot * G + gateway] in the fleet's storage order: the same value, read from the slot-ordered table (after `readBySlot`). */
  rxDbmAtSlot(slotLink: number): number {
    return Math.fround(this.txDbm - this.lossBySlot![slotLink]);
  }

  /**
   * Link's received power in mW in single precision ([slot * G + gateway]): the co-SF capture rule
   * compares these (the values a Float32Array of 10 ** (rxDbm / 10) held). Rounded from the kept
   * double-precision value (`exactMw`, Math.pow(10, rxDbm / 10), the same function as **): a table
   * of its own cost 4 bytes per link, 400 MB at a million devices under 100 gateways, and filling it
   * at construction 13-15 s.
   */
  linkMwF32(slotLink: number): number {
    return Math.fround(this.exactMw.mw(slotLink));
  }

  /** Power of a frame on freqHz relative to the configured EIRP, dB: the region's limit there caps it (lorawan-facts 2.4). */
  txOffsetDb(freqHz: number): number {
    const { s, region } = this.ctx.world;
    return Math.min(0, region.downlinkTxPowerDbm(freqHz) - s.gateways.txPowerDbm);
  }

  /** Fade (dB) of downlink `airId` starting at startUs from gateway g at device d. */
  fadeDb(d: number, g: number, airId: number, startUs: number): number {
    if (this.fading === FADE_NONE) return 0;
    const { s, links } = this.ctx.world;
    return linkFadeDb(this.fading, s.seed, s.channel.dopplerHz, d, g, links.gateways, Purpose.fading, d, airId, startUs);
  }

  /**
   * Collects the frames of other gateways overlapping the wanted one on a colliding frequency;
   * `content` is the wanted frame's content key (-1: none), to recognise its copies.
   */
  collect(startUs: number, endUs: number, gateway: number, freqHz: number, bwHz: number, sf: number, content = -1): number {
    const air = this.ctx.downlinkAir;
    const n = air.overlapping(startUs, endUs, gateway, freqHz, bwHz, this.intId);
    const combine = this.ctx.world.s.channel.combineCopies && content >= 0;
    let co = true;
    let copies = 0;
    for (let i = 0; i < n; i++) {
      const k = air.slot(this.intId[i]);
      this.intGw[i] = air.gateway[k];
      this.intSf[i] = air.sf[k];
      this.intOverlapUs[i] = Math.min(endUs, air.endUs[k]) - Math.max(startUs, air.startUs[k]);
      this.intSendOffsetUs[i] = air.startUs[k] - startUs;
      const copy = combine && air.content[k] === content && air.sf[k] === sf && air.freqHz[k] === freqHz;
      this.intCopy[i] = copy ? 1 : 0;
      this.intMayCombine[i] = copy && this.mayCombine(gateway, air.gateway[k], this.intSendOffsetUs[i], bwHz) ? 1 : 0;
      if (copy) copies++;
      if (air.sf[k] !== sf) co = false;
    }
    this.nInt = n;
    this.allCoSf = co;
    this.copies = copies;
    return n;
  }

  /** Whether a copy from gateway gi sent sendOffsetUs from the wanted frame of gateway g may arrive within one chip of it somewhere. */
  private mayCombine(g: number, gi: number, sendOffsetUs: number, bwHz: number): boolean {
    const gw = this.ctx.world.s.gateways.positions;
    const lightUs = (Math.hypot(gw[g][0] - gw[gi][0], gw[g][1] - gw[gi][1]) / SPEED_OF_LIGHT_M_PER_S) * 1e6;
    return (Math.abs(sendOffsetUs) - lightUs - 1) * bwHz < 1e6;
  }

  /** Whether interferer i is, at device d, a copy of the wanted frame (from gateway g) arriving within one chip. */
  private combinesAt(d: number, g: number, i: number, bwHz: number): boolean {
    if (this.intMayCombine[i] === 0) return false;
    const { s, positions } = this.ctx.world;
    const gw = s.gateways.positions;
    const gi = this.intGw[i];
    const x = positions.xM[d];
    const y = positions.yM[d];
    const d1 = Math.hypot(x - gw[g][0], y - gw[g][1]);
    const d2 = Math.hypot(x - gw[gi][0], y - gw[gi][1]);
    return copiesCombine(arrivalOffsetUs(d1, d2, this.intSendOffsetUs[i]), bwHz);
  }

  /**
   * Fills dbm/sfs/overlap with the interferers' powers at device d (fading and offset applied) and
   * the external load; copies that combine add to the wanted frame instead. Sets `count` and
   * returns the wanted frame's power, dBm (sigDbm itself when nothing combined).
   */
  private gather(d: number, g: number, sigDbm: number, offsetDb: number, bwHz: number, freqHz: number, startUs: number, endUs: number): number {
    const base = d * this.ctx.world.links.gateways;
    let c = 0;
    let addedMw = 0;
    for (let i = 0; i < this.nInt; i++) {
      const gi = this.intGw[i];
      let p = this.rxDbmAt(base + gi) + offsetDb;
      if (this.fading !== FADE_NONE) p += this.fadeDb(d, gi, this.intId[i], startUs);
      if (this.copies > 0 && this.combinesAt(d, g, i, bwHz)) {
        addedMw += 10 ** (p / 10);
        continue;
      }
      this.dbm[c] = p;
      this.sfs[c] = this.intSf[i];
      this.overlapScratch[c] = this.intOverlapUs[i];
      c++;
    }
    if (this.load !== null) c = this.load.appendExternal(d, freqHz, startUs, endUs, this.dbm, this.sfs, c, this.overlapScratch);
    this.count = c;
    return addedMw > 0 ? 10 * Math.log10(10 ** (sigDbm / 10) + addedMw) : sigDbm;
  }

  /**
   * Whether interferenceOk, for a frame at the configured power (offset 0), works on fixed powers:
   * no fading and no external load. Its answer is then a function of the device, the gateway and
   * captureKey() alone.
   */
  fixedPowerCapture(): boolean {
    return this.fading === FADE_NONE && !this.alwaysCheck;
  }

  /**
   * With fixed powers, what interferenceOk's answer for the wanted frame of gateway g depends on
   * besides the device: the rule it takes (the linear comparison of precomputed powers when every
   * interferer shares the wanted spreading factor and none is a copy; otherwise the capture and
   * isolation rule of survivesInterference, with copies combining), and, in order, each interferer's
   * gateway, spreading factor and, for a copy that may combine at some device (intMayCombine), its
   * send offset.
   */
  captureKey(): string {
    let key = this.allCoSf && this.copies === 0 ? 'F' : 'S';
    for (let i = 0; i < this.nInt; i++) {
      key += `;${this.intGw[i]},${this.intSf[i]}`;
      if (this.intMayCombine[i] === 1) key += `@${this.intSendOffsetUs[i]}`;
    }
    return key;
  }


  /**
   * Threshold reception: whether device d keeps the wanted frame (gateway g, received at sigDbm,
   * spreading factor sf) against the collected interferers; `offsetDb` is the frame power's offset.
   */
  interferenceOk(d: number, slot: number, g: number, sigDbm: number, sf: number, offsetDb: number, bwHz: number, freqHz: number, startUs: number, endUs: number): boolean {
    const n = this.nInt;
    this.checks++;
    this.lastFailSure = false;
    if (n === 0 && !this.alwaysCheck) return true;
    // the device's row of the slot-ordered tables (rxDbmAtSlot, exactMw)
    const base = slot * this.ctx.world.links.gateways;
    if (this.fading === FADE_NONE && this.allCoSf && offsetDb === 0 && this.copies === 0 && !this.alwaysCheck) {
      // fixed powers, no copy to combine: compare the precomputed linear values (6 dB over the sum of the others)
      let sumMw = 0;
      for (let i = 0; i < n; i++) sumMw += this.linkMwF32(base + this.intGw[i]);
      const ok = this.linkMwF32(base + g) >= this.captureRatio * sumMw;
      // a larger sum fails too: the comparison is exact (capture-memo.ts, lesserPattern)
      this.lastFailSure = !ok;
      return ok;
    }
    if (this.fading === FADE_NONE && offsetDb === 0 && this.load === null) {
      // what gather and survivesInterference do here (each interferer at its link's power, copies
      // that combine added to the signal, no external load), with each interferer's mW value read
      // back instead of worked out again (Math.pow is most of the cost of a frame overlapped at
      // other spreading factors or by copies)
      let c = 0;
      let addedMw = 0;
      for (let i = 0; i < n; i++) {
        const gi = this.intGw[i];
        const link = base + gi;
        if (this.copies > 0 && this.combinesAt(d, g, i, bwHz)) {
          addedMw += this.exactMw.mw(link); // 10 ** (rxDbmAt(link) / 10), kept
          continue;
        }
        this.mw[c] = this.exactMw.mw(link);
        this.sfs[c] = this.intSf[i];
        c++;
      }
      if (c === 0) return true;
      if (addedMw > 0) return survivesInterferenceMw(10 * Math.log10(10 ** (sigDbm / 10) + addedMw), sf, this.mw, this.sfs, c);
      // the signal's mW, kept, when sigDbm is its link's power (what the multicast loop passes)
      const own = this.lossBySlot === null ? this.rxDbmAt(d * this.ctx.world.links.gateways + g) : this.rxDbmAtSlot(base + g);
      const sigMw = sigDbm === own ? this.exactMw.mw(base + g) : NaN;
      const v = captureVerdictMw(sigDbm, sf, this.mw, this.sfs, c, sigMw);
      // every interferer in the sums (none combined): a sure failure holds for any list these are a subsequence of
      this.lastFailSure = v === VERDICT_FAILS_SURELY && c === n;
      return v === VERDICT_SURVIVES;
    }
    const signalDbm = this.gather(d, g, sigDbm, offsetDb, bwHz, freqHz, startUs, endUs);
    if (this.count === 0) return true;
    return survivesInterference(signalDbm, sf, this.dbm, this.sfs, this.count);
  }

  /**
   * SINR reception: whether device d receives the wanted frame (gateway g, sigDbm, sf) with the
   * success table `table`, against the collected interferers (energy over the overlap) and the
   * external load; the PER draw is keyed by (device, downlink id).
   */
  sinrOk(d: number, g: number, sigDbm: number, sf: number, offsetDb: number, bwHz: number, freqHz: number, startUs: number, endUs: number, table: Float64Array, airId: number): boolean {
    const rx = this.sinr!;
    let iMw = 0;
    let signalDbm = sigDbm;
    if (this.nInt > 0 || this.alwaysCheck) {
      signalDbm = this.gather(d, g, sigDbm, offsetDb, bwHz, freqHz, startUs, endUs);
      if (this.count > 0) iMw = interferenceMw(sf, endUs - startUs, this.dbm, this.sfs, this.overlapScratch, this.count);
    }
    return rx.receives(table, sinrDb(signalDbm, rx.deviceNoiseDbm(bwHz), iMw), d, airId);
  }

  /**
   * Whether device d receives one frame (downlink id airId) from gateway g: the whole chain above.
   * For frames outside the multicast loop (class A answers); `phyBytes` sizes the PER table.
   */
  receives(d: number, g: number, airId: number, startUs: number, endUs: number, freqHz: number, sf: number, bwHz: number, sensDbm: number, phyBytes = 0): boolean {
    const { s, fleet, links } = this.ctx.world;
    const seed = s.seed;
    const burstState = fleet.burst === null ? 0 : fleet.burst.stateAt(fleet.order.slotOf[d], endUs);
    const offsetDb = this.txOffsetDb(freqHz);
    let sig = this.rxDbmAt(d * links.gateways + g) + offsetDb;
    if (this.fading !== FADE_NONE) sig += this.fadeDb(d, g, airId, startUs);
    if (this.sinr === null) {
      if (sig < sensDbm) return false;
      this.collect(startUs, endUs, g, freqHz, bwHz, sf);
      if (!this.interferenceOk(d, fleet.order.slotOf[d], g, sig, sf, offsetDb, bwHz, freqHz, startUs, endUs)) return false;
    } else {
      if (sig < sensDbm - SINR_REACH_MARGIN_DB) return false;
      this.collect(startUs, endUs, g, freqHz, bwHz, sf);
      if (!this.sinrOk(d, g, sig, sf, offsetDb, bwHz, freqHz, startUs, endUs, this.sinr.downlinkTable(sf, bwHz, phyBytes), airId)) return false;
    }
    const b = s.channel.burst;
    if (fleet.burst !== null && geLoss(burstState, uniform(seed, Purpose.burstLoss, d, airId), b.lossGood, b.lossBad)) return false;
    return !(s.channel.extraLoss > 0 && uniform(seed, Purpose.extraLoss, d, airId) < s.channel.extraLoss);
  }
}
