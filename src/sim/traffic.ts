/**
 * Background class A traffic: every device sends an unconfirmed uplink every `uplinkIntervalS`
 * (its own random phase) during the campaign. Uplinks collide at the gateways (same channel, co-SF
 * capture and the inter-SF isolation matrix), are lost at a gateway that is transmitting
 * (half-duplex), and make a class C device deaf to the session while it transmits and while its
 * class A windows are open.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { lorawanUplinkAirtimeUs } from '../radio/airtime.js';
import { gatewaySensitivityDbm } from '../radio/sensitivity.js';
import { survivesInterference } from '../radio/interference.js';
import { emptyRxWindowUs, RX2_DELAY_US } from '../lorawan/classa.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';

const RING = 8192;
/** margin an ADR-like choice keeps above the gateway sensitivity, dB */
const UPLINK_DR_MARGIN_DB = 10;
/** longest LoRaWAN uplink (SF12/125, 242 B) is below 10 s */
const MAX_UPLINK_AIRTIME_US = 10_000_000;

export class BackgroundTraffic {
  readonly ulDr: Uint8Array;
  private readonly ulAirUs: Float64Array;
  private readonly ulSf: Uint8Array;
  private readonly uStart = new Float64Array(RING);
  private readonly uEnd = new Float64Array(RING);
  private readonly uFreq = new Float64Array(RING);
  private readonly uSf = new Uint8Array(RING);
  private readonly uDev = new Int32Array(RING);
  private nextId = 0;
  private readonly intDbm = new Float64Array(64);
  private readonly intSf = new Float64Array(64);
  private readonly ovDev = new Int32Array(64);
  private readonly counters: Uint32Array;
  private readonly rxWindowsUs: Float64Array;
  private readonly intervalUs: number;
  /** no uplink starts at or after this time */
  stopUs = Infinity;
  uplinks = 0;
  delivered = 0;
  collisions = 0;

  constructor(private readonly ctx: RunContext) {
    const { s, fleet, links, region } = ctx.world;
    const n = fleet.count;
    this.intervalUs = s.traffic.uplinkIntervalS * 1e6;
    this.ulDr = new Uint8Array(n);
    this.ulAirUs = new Float64Array(n);
    this.ulSf = new Uint8Array(n);
    this.counters = new Uint32Array(n);
    this.rxWindowsUs = new Float64Array(n);
    const phy = s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES;
    const candidates = region.dataRates.filter((r) => r && r.uplink && r.modulation === 'LoRa' && r.bwHz === 125000).map((r) => r!);
    const txDbm = s.devices.txPowerDbm + s.devices.antennaGainDbi + s.gateways.antennaGainDbi;
    const rx2 = region.dataRates[region.rx2.dr]!;
    const rx2Us = emptyRxWindowUs(rx2.sf, rx2.bwHz);
    for (let d = 0; d < n; d++) {
      const rssi = txDbm - links.lossDb[d * links.gateways + links.best[d]];
      let pick = candidates[0];
      for (const c of candidates) {
        const fixed = s.traffic.uplinkDr;
        if (fixed !== null ? c.dr === fixed : rssi >= gatewaySensitivityDbm(c.sf, c.bwHz) + UPLINK_DR_MARGIN_DB && c.sf <= pick.sf) pick = c;
      }
      this.ulDr[d] = pick.dr;
      this.ulSf[d] = pick.sf;
      this.ulAirUs[d] = lorawanUplinkAirtimeUs(pick.sf, pick.bwHz, phy);
      const wake = s.devices.radioProfile.wakeupMs * 1000;
      this.rxWindowsUs[d] = emptyRxWindowUs(pick.sf, pick.bwHz) + rx2Us + 2 * wake;
    }
  }

  start(fromUs: number): void {
    if (!(this.intervalUs > 0)) return;
    const { s, fleet } = this.ctx.world;
    for (let d = 0; d < fleet.count; d++) {
      this.ctx.kernel.at(fromUs + Math.floor(uniform(s.seed, Purpose.uplinkPhase, d, 0) * this.intervalUs), Ev.uplinkStart, d);
    }
  }

  /** Ev.uplinkStart */
  onStart(d: number): void {
    const { kernel, world, txlog } = this.ctx;
    const now = kernel.now;
    if (now >= this.stopUs) return;
    const { s, fleet, region } = world;
    const k = this.counters[d]++;
    const chans = region.defaultUplinkChannelsHz;
    const freqHz = chans[Math.floor(uniform(s.seed, Purpose.uplinkChannel, d, k) * chans.length)];
    const air = this.ulAirUs[d];
    const id = this.nextId++;
    const r = id % RING;
    this.uStart[r] = now;
    this.uEnd[r] = now + air;
    this.uFreq[r] = freqHz;
    this.uSf[r] = this.ulSf[d];
    this.uDev[r] = d;
    const dr = region.dataRates[this.ulDr[d]]!;
    txlog.add(now, air, -d - 1, 'uplink', freqHz, dr.dr, dr.sf, dr.bwHz, s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES);
    fleet.energy.txUs[d] += air;
    const classC = fleet.listenFromUs[d] <= now && fleet.listenToUs[d] > now && s.multicastGroup.dlClass === 'ClassC';
    // class A windows after the uplink; a class C device in session is listening anyway
    if (!classC) fleet.energy.rxUs[d] += this.rxWindowsUs[d];
    // deaf to the session from the start of the uplink to the end of RX2 (docs/models/campaign.md)
    fleet.deafFromUs[d] = now;
    fleet.deafToUs[d] = now + air + RX2_DELAY_US + this.rxWindowsUs[d];
    this.uplinks++;
    kernel.at(now + air, Ev.uplinkEnd, id);
    kernel.at(now + this.intervalUs, Ev.uplinkStart, d);
  }

  /** Ev.uplinkEnd: did any gateway receive it? */
  onEnd(id: number): void {
    const { world, gateways } = this.ctx;
    const { s, links } = world;
    const r = id % RING;
    const start = this.uStart[r];
    const end = this.uEnd[r];
    const freq = this.uFreq[r];
    const sf = this.uSf[r];
    const d = this.uDev[r];
    const G = links.gateways;
    const txDbm = s.devices.txPowerDbm + s.devices.antennaGainDbi + s.gateways.antennaGainDbi;
    const dr = world.region.dataRates[this.ulDr[d]]!;
    const sens = gatewaySensitivityDbm(sf, dr.bwHz);
    // overlapping uplinks on the same channel; ids are in start order, so scan outwards from id
    let nOv = 0;
    for (let o = id - 1; o >= Math.max(0, this.nextId - RING) && nOv < 64; o--) {
      const ro = o % RING;
      if (this.uStart[ro] < start - MAX_UPLINK_AIRTIME_US) break;
      if (this.uFreq[ro] === freq && this.uEnd[ro] > start) this.ovDev[nOv++] = o;
    }
    for (let o = id + 1; o < this.nextId && nOv < 64; o++) {
      const ro = o % RING;
      if (this.uStart[ro] >= end) break;
      if (this.uFreq[ro] === freq) this.ovDev[nOv++] = o;
    }
    let heardByAny = false;
    let ok = false;
    for (let g = 0; g < G && !ok; g++) {
      const sig = txDbm - links.lossDb[d * G + g];
      if (sig < sens) continue;
      heardByAny = true;
      if (gateways[g].transmittingDuring(start, end)) continue; // half-duplex
      for (let i = 0; i < nOv; i++) {
        const ro = this.ovDev[i] % RING;
        this.intDbm[i] = txDbm - links.lossDb[this.uDev[ro] * G + g];
        this.intSf[i] = this.uSf[ro];
      }
      if (nOv === 0 || survivesInterference(sig, sf, this.intDbm, this.intSf, nOv)) ok = true;
    }
    if (ok) this.delivered++;
    else if (heardByAny) this.collisions++;
  }
}
