/**
 * The uplink medium at the gateways, shared by every device uplink of a run (background traffic,
 * setup answers, status answers). An uplink is received by a gateway when it reaches the gateway's
 * sensitivity, the gateway was not transmitting at any moment of it (half-duplex), and it survives
 * the other uplinks overlapping it on the same channel (co-SF capture and the inter-SF isolation
 * matrix, lorawan-facts 6.3). When it ends, its owner is told which gateway heard it best.
 *
 * Each device's uplink data rate is chosen once from its best link, like ADR with a 10 dB margin,
 * unless the scenario fixes it.
 */
import { lorawanUplinkAirtimeUs } from '../radio/airtime.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { gatewaySensitivityDbm } from '../radio/sensitivity.js';
import { survivesInterference } from '../radio/interference.js';
import { emptyRxWindowUs, RX2_DELAY_US } from '../lorawan/classa.js';
import { Purpose, uniform } from '../engine/rng.js';
import type { TxKind } from './types.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import { continuousListeningOverlapUs, listensContinuouslyAt } from './listening.js';

const RING = 16384;
/** margin an ADR-like choice keeps above the gateway sensitivity, dB */
const UPLINK_DR_MARGIN_DB = 10;
const MAX_OVERLAP = 64;

/** Who sent an uplink; told the outcome when it ends. */
export type UplinkHandler = (device: number, arg: number, gateway: number, endUs: number, freqHz: number) => void;
/** Told about every uplink a gateway heard, after its owner: the class A downlink opportunity. */
export type HeardHook = (device: number, gateway: number, endUs: number, freqHz: number) => void;

export class UplinkMedium {
  /** per device: uplink data rate and its spreading factor / bandwidth */
  readonly ulDr: Uint8Array;
  readonly ulSf: Uint8Array;
  readonly ulBwHz: Float64Array;
  /** per device: empty RX1 + RX2 windows after an uplink, µs (wake-ups included) */
  readonly emptyWindowsUs: Float64Array;
  /** told about every heard uplink after its owner (the campaign's class A downlinks) */
  heardHook: HeardHook | null = null;
  private readonly uStart = new Float64Array(RING);
  private readonly uEnd = new Float64Array(RING);
  private readonly uFreq = new Float64Array(RING);
  private readonly uSf = new Uint8Array(RING);
  private readonly uDev = new Int32Array(RING);
  private readonly uOwner = new Uint8Array(RING);
  private readonly uArg = new Int32Array(RING);
  private nextId = 0;
  private readonly intDbm = new Float64Array(MAX_OVERLAP);
  private readonly intSf = new Float64Array(MAX_OVERLAP);
  private readonly ov = new Int32Array(MAX_OVERLAP);
  private readonly handlers: UplinkHandler[] = [];
  private readonly counters: Uint32Array;
  /** longest uplink sent so far, µs: no earlier uplink that started before start − this can overlap */
  private longestAirUs = 0;
  /** totals over every uplink */
  sent = 0;
  collisions = 0;

  constructor(private readonly ctx: RunContext) {
    const { s, fleet, links, region } = ctx.world;
    const n = fleet.count;
    this.ulDr = new Uint8Array(n);
    this.ulSf = new Uint8Array(n);
    this.ulBwHz = new Float64Array(n);
    this.emptyWindowsUs = new Float64Array(n);
    this.counters = new Uint32Array(n);
    const lora = region.dataRates.filter((r) => r && r.uplink && r.modulation === 'LoRa' && r.bwHz === 125000).map((r) => r!);
    // uplink dwell time (US915, AU915, AS923: 400 ms) rules out the slow data rates for the
    // background payload (lorawan-facts 2.6); the fastest rate stays if none would fit
    const dwellUs = region.dwellTimeMs.uplink === null ? Infinity : region.dwellTimeMs.uplink * 1000;
    const trafficPhy = s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES;
    const fits = lora.filter((c) => lorawanUplinkAirtimeUs(c.sf, c.bwHz, trafficPhy) <= dwellUs);
    const candidates = fits.length > 0 ? fits : lora.slice(-1);
    const txDbm = s.devices.txPowerDbm + s.devices.antennaGainDbi + s.gateways.antennaGainDbi;
    const rx2 = region.dataRates[region.rx2.dr]!;
    const wakeUs = s.devices.radioProfile.wakeupMs * 1000;
    const rx2Us = emptyRxWindowUs(rx2.sf, rx2.bwHz) + wakeUs;
    const fixed = s.traffic.uplinkDr;
    for (let d = 0; d < n; d++) {
      const rssi = txDbm - links.lossDb[d * links.gateways + links.best[d]];
      let pick = candidates[0];
      for (const c of candidates) {
        if (fixed !== null ? c.dr === fixed : rssi >= gatewaySensitivityDbm(c.sf, c.bwHz) + UPLINK_DR_MARGIN_DB && c.sf <= pick.sf) pick = c;
      }
      this.ulDr[d] = pick.dr;
      this.ulSf[d] = pick.sf;
      this.ulBwHz[d] = pick.bwHz;
      this.emptyWindowsUs[d] = emptyRxWindowUs(pick.sf, pick.bwHz) + wakeUs + rx2Us;
    }
  }

  /** Registers the handler told about uplinks sent with `owner`; returns the owner code. */
  register(handler: UplinkHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Airtime of a `phyBytes` uplink of device d, µs. */
  airtimeUs(d: number, phyBytes: number): number {
    return lorawanUplinkAirtimeUs(this.ulSf[d], this.ulBwHz[d], phyBytes);
  }

  /**
   * Device d transmits now: logged, charged (TX, not also RX where it interrupts continuous
   * listening, plus its class A windows unless it listens continuously anyway: sim/listening.ts),
   * deaf to the session until RX2 closes; `owner` is told the outcome at the end.
   * Returns the uplink channel, Hz. `msg`: the campaign message it carries (0: background traffic),
   * recorded for the frame capture.
   */
  send(d: number, phyBytes: number, kind: TxKind, owner: number, arg = 0, msg = 0): number {
    const { kernel, world, txlog } = this.ctx;
    const { s, fleet, region } = world;
    const now = kernel.now;
    const chans = region.defaultUplinkChannelsHz;
    const freqHz = chans[Math.floor(uniform(s.seed, Purpose.uplinkChannel, d, this.counters[d]++) * chans.length)];
    const air = this.airtimeUs(d, phyBytes);
    const id = this.nextId++;
    const r = id % RING;
    this.uStart[r] = now;
    this.uEnd[r] = now + air;
    this.uFreq[r] = freqHz;
    this.uSf[r] = this.ulSf[d];
    this.uDev[r] = d;
    this.uOwner[r] = owner;
    this.uArg[r] = arg;
    if (air > this.longestAirUs) this.longestAirUs = air;
    txlog.detail(txlog.add(now, air, -d - 1, kind, freqHz, this.ulDr[d], this.ulSf[d], this.ulBwHz[d], phyBytes), d, msg);
    fleet.energy.txUs[d] += air;
    fleet.energy.txInListenUs[d] += continuousListeningOverlapUs(world, d, now, now + air);
    if (!listensContinuouslyAt(world, d, now)) fleet.energy.rxUs[d] += this.emptyWindowsUs[d];
    fleet.deafFromUs[d] = now;
    fleet.deafToUs[d] = now + air + RX2_DELAY_US + this.emptyWindowsUs[d];
    this.sent++;
    kernel.at(now + air, Ev.uplinkEnd, id);
    return freqHz;
  }

  /** Ev.uplinkEnd: which gateway, if any, received the uplink. */
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
    const sens = gatewaySensitivityDbm(sf, this.ulBwHz[d]);
    // overlapping uplinks on the same channel; ids are in start order, so scan outwards from id
    let nOv = 0;
    for (let o = id - 1; o >= Math.max(0, this.nextId - RING) && nOv < MAX_OVERLAP; o--) {
      const ro = o % RING;
      if (this.uStart[ro] < start - this.longestAirUs) break;
      if (this.uFreq[ro] === freq && this.uEnd[ro] > start) this.ov[nOv++] = ro;
    }
    for (let o = id + 1; o < this.nextId && nOv < MAX_OVERLAP; o++) {
      const ro = o % RING;
      if (this.uStart[ro] >= end) break;
      if (this.uFreq[ro] === freq) this.ov[nOv++] = ro;
    }
    let heard = false;
    let best = -1;
    let bestDbm = -Infinity;
    for (let g = 0; g < G; g++) {
      const sig = txDbm - links.lossDb[d * G + g];
      if (sig < sens) continue;
      heard = true;
      if (gateways[g].transmittingDuring(start, end)) continue; // half-duplex
      for (let i = 0; i < nOv; i++) {
        this.intDbm[i] = txDbm - links.lossDb[this.uDev[this.ov[i]] * G + g];
        this.intSf[i] = this.uSf[this.ov[i]];
      }
      if ((nOv === 0 || survivesInterference(sig, sf, this.intDbm, this.intSf, nOv)) && sig > bestDbm) {
        best = g;
        bestDbm = sig;
      }
    }
    if (best < 0 && heard) this.collisions++;
    this.handlers[this.uOwner[r]](d, this.uArg[r], best, end, freq);
    if (best >= 0 && this.heardHook) this.heardHook(d, best, end, freq);
  }
}
