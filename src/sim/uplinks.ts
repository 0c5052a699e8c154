/**
 * The uplink medium at the gateways, shared by every device uplink of a run (background traffic,
 * setup answers, status answers). An uplink is received by a gateway when it reaches the gateway's
 * sensitivity, the gateway was not transmitting at any moment of it (half-duplex), and it survives
 * the other uplinks overlapping it on the same channel (co-SF capture and the inter-SF isolation
 * matrix, lorawan-facts 6.3). When it ends, its owner is told which gateway heard it best, and the
 * class A answer may go through any gateway that heard it (`receivers`).
 *
 * The device side of each uplink, as a LoRaWAN stack runs it (docs/models/regions.md):
 * - channels: the network's plan (EU868: 3 default + 5 CFList channels; US915/AU915: the
 *   gateways' sub-bands), one picked at random among those whose sub-band the device's duty cycle
 *   allows now (LoRaMac-node `RegionCommonIdentifyChannels`); each sub-band keeps its own ETSI
 *   off-time, so a device that just used 868.x (sub-band M) may use 867.x (L) at once;
 * - one frame at a time: the MAC is busy from the start of an uplink until its RX2 window has closed
 *   (or the downlink it is receiving has ended), and a new uplink waits (LoRaMac-node answers
 *   LORAMAC_STATUS_BUSY meanwhile); `freeAtUs` tells the senders when the device may send;
 * - deaf to the multicast session: in class C only while it transmits and during its RX1 window
 *   (the class C definition: it listens with RX2 parameters from the end of the uplink until RX1
 *   opens, and again after RX1, lorawan-facts 4.1); in class B from the uplink to the end of RX2
 *   (ping slots wait for the class A exchange).
 *
 * Each device's uplink data rate is chosen once from its best link, like ADR with a 10 dB margin,
 * unless the scenario fixes it.
 */
import { lorawanUplinkAirtimeUs } from '../radio/airtime.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { gatewaySensitivityDbm } from '../radio/sensitivity.js';
import { emptyRxWindowUs, RX1_DELAY_US, RX2_DELAY_US, rxWindowOffsetMs } from '../lorawan/classa.js';
import type { SubBand } from '../lorawan/regions/index.js';
import { Purpose, uniform } from '../engine/rng.js';
import { SURE_CAPTURE_LOSS_RATIO } from '../radio/interference.js';
import type { TxKind } from './types.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import { UplinkRx } from './uplink-rx.js';
import { buildHearingList, type HearingList } from './hearing-list.js';
import { LinkMw } from './link-mw.js';
import { DownlinkRx } from './downlink-rx.js';
import { pathLossDb } from '../radio/pathloss.js';
import { continuousListeningOverlapUs, listensContinuouslyAt } from './listening.js';
import { FADE_NONE } from './link-fading.js';

const RING = 16384;
/** margin an ADR-like choice keeps above the gateway sensitivity, dB */
const UPLINK_DR_MARGIN_DB = 10;
/** overlapping uplinks an uplink is judged against at most (docs/validation.md, "Known limits") */
const MAX_OVERLAP = 64;
/** room for the external load's frames after the overlapping uplinks */
const EXTRA_INTERFERERS = 64;

/**
 * UplinkMedium's per-device record: what every uplink of the device reads or writes, side by side
 * (one cache line per device, not one per array; the fleet's devices send in random order)
 */
const DEV = 8;
/** the MAC is busy until then (its last uplink's class A exchange), µs */
const BUSY = 0;
/** uplink bandwidth, Hz, and spreading factor */
const BW = 1;
const SF = 2;
/** empty RX1 + RX2 windows after an uplink, µs (wake-ups included) */
const EMPTY = 3;
/** RX1 window opening after the uplink's end and its empty length, µs */
const RX1_OPEN = 4;
const RX1_LEN = 5;
/** uplinks whose channel was drawn (the draws' counter) */
const DRAWS = 6;
/** uplink data rate */
const DR = 7;

/** Who sent an uplink; told the outcome when it ends. */
export type UplinkHandler = (device: number, arg: number, gateway: number, endUs: number, freqHz: number) => void;
/** Told about every uplink a gateway heard, after its owner: the class A downlink opportunity. */
export type HeardHook = (device: number, gateway: number, endUs: number, freqHz: number) => void;

export class UplinkMedium {
  /** per device: RX1 data rate (uplink DR, RX1DROffset, AS923 downlink dwell time) */
  readonly rx1Dr: Uint8Array;
  /** per device: DEV numbers (BUSY, BW, ...) */
  private readonly dev: Float64Array;
  /** told about every heard uplink after its owner (the campaign's class A downlinks) */
  heardHook: HeardHook | null = null;
  /** the gateways that received the uplink being handled, best first (valid during the callbacks of onEnd) */
  readonly receivers: Int32Array;
  receiverCount = 0;
  /** the device whose uplink `receivers` describes (-1: none) */
  receiversOf = -1;
  // the network's uplink channels: frequency, channel number, bandwidth, index of the plan's sub-band
  readonly channelFreqHz: Float64Array;
  readonly channelIndex: Int32Array;
  private readonly channelBwHz: Float64Array;
  private readonly channelBand: Uint8Array;
  private readonly bandDutyCycle: Float64Array;
  /** per device × plan sub-band: earliest start its duty cycle allows there, µs */
  private readonly bandFreeUs: Float64Array;
  /** RX2 window opening after the uplink's end and its empty length, µs */
  private readonly rx2OpenAfterUs: number;
  private readonly rx2LengthUs: number;
  private readonly uStart = new Float64Array(RING);
  private readonly uEnd = new Float64Array(RING);
  private readonly uFreq = new Float64Array(RING);
  private readonly uSf = new Uint8Array(RING);
  private readonly uDev = new Int32Array(RING);
  private readonly uOwner = new Uint8Array(RING);
  private readonly uArg = new Int32Array(RING);
  private readonly uPhy = new Uint16Array(RING);
  /** previous and next uplink (ids) on the same frequency, -1 when none: the overlap scans follow these */
  private readonly uPrev = new Int32Array(RING);
  private readonly uNext = new Int32Array(RING);
  /** per channel: index of its frequency among the plan's distinct frequencies; per frequency: its last uplink */
  private readonly channelFreqId: Int32Array;
  private readonly lastOnFreq: Int32Array;
  /** per ring slot × gateway: the uplink's power there, dBm and mW, once worked out (NaN: not yet) */
  private readonly uDbm: Float64Array;
  private readonly uMw: Float64Array;
  /** without fading, each link's uplink power in mW (the value powerMwAt would work out), kept across uplinks */
  private readonly linkMw: LinkMw | null;
  /** the devices' uplink EIRP plus the gateways' antenna gain, dBm: every uplink's power before its link's loss */
  private readonly ulTxDbm: number;
  /**
   * without fading: per device, the gateways its uplinks reach at or above the reception floor of its
   * spreading factor, strongest first and equal powers in gateway order (HearingList); the others
   * can neither hear nor receive them. null with fading (powers vary per frame).
   */
  private readonly hearing: HearingList | null;
  private nextId = 0;
  private readonly intDbm = new Float64Array(MAX_OVERLAP + EXTRA_INTERFERERS);
  private readonly intSf = new Float64Array(MAX_OVERLAP + EXTRA_INTERFERERS);
  private readonly intOverlapUs = new Float64Array(MAX_OVERLAP + EXTRA_INTERFERERS);
  private readonly intMw = new Float64Array(MAX_OVERLAP);
  private readonly ov = new Int32Array(MAX_OVERLAP);
  private readonly ovId = new Int32Array(MAX_OVERLAP);
  /** the overlapping uplinks' devices and spreading factors, kept for receiversOfUplink */
  private readonly ovDev = new Int32Array(MAX_OVERLAP);
  private readonly ovSf = new Uint8Array(MAX_OVERLAP);
  /**
   * Receivers worked out on demand (no fading, decisions on powers alone, not the reference run):
   * onEnd stops at the strongest gateway that receives the uplink (its `best`) and the others are
   * looked at only when a class A answer asks for them (receiversOfUplink). The uplink being
   * handled: its id, device, span, the reception floor and sensitivity, overlaps, the next position
   * of its hearing list still to look at, and whether a gateway looked at so far heard it.
   */
  private readonly lazyReceivers: boolean;
  private pendId = -1;
  private pendDev = -1;
  private pendStartUs = 0;
  private pendEndUs = 0;
  private pendFloorDbm = 0;
  private pendSensDbm = 0;
  private pendHeard = false;
  private pendSf = 0;
  private pendOverlaps = 0;
  private pendNext = 0;
  private pendTo = 0;
  /** the gateways' side: fading, demodulation paths, threshold or SINR decisions, external load */
  readonly rx: UplinkRx;
  private readonly receiverDbm: Float64Array;
  private readonly handlers: UplinkHandler[] = [];
  private readonly lbtCounters: Uint32Array;
  private readonly senseIds = new Int32Array(64);
  /** longest uplink sent so far, µs: no earlier uplink that started before start − this can overlap */
  private longestAirUs = 0;
  /** totals over every uplink */
  sent = 0;
  collisions = 0;
  /** gateway decisions that stopped summing interferers at a sure capture loss (pendingReceives) */
  sureLosses = 0;
  /** gateways of the hearing lists looked at by the receivers worked out on demand (nextReceiver) */
  gatewaysTried = 0;
  /** of these, decisions that had overlapping uplinks to weigh, and those uplinks in total (pendingReceives) */
  overlapDecisions = 0;
  overlapsWeighed = 0;

  constructor(private readonly ctx: RunContext) {
    const { s, fleet, links, region } = ctx.world;
    const n = fleet.count;
    this.rx1Dr = new Uint8Array(n);
    this.dev = new Float64Array(n * DEV);
    this.lbtCounters = new Uint32Array(n);
    this.receivers = new Int32Array(links.gateways);
    this.receiverDbm = new Float64Array(links.gateways);
    this.rx = new UplinkRx(ctx, RING);

    // the network's channel plan and the sub-bands it spans
    const plan = region.uplinkChannels(s.gateways.subBands);
    const bands: SubBand[] = [];
    this.channelFreqHz = Float64Array.from(plan.freqHz);
    this.channelIndex = Int32Array.from(plan.index);
    this.channelBwHz = Float64Array.from(plan.bwHz);
    this.channelBand = Uint8Array.from(plan.freqHz, (f) => {
      const sb = region.subBandOf(f);
      if (!sb) throw new Error(`uplink channel ${f} Hz is outside every ${region.name} sub-band`);
      if (!bands.includes(sb)) bands.push(sb);
      return bands.indexOf(sb);
    });
    this.bandDutyCycle = Float64Array.from(bands, (b) => Math.min(1, b.dutyCycle));
    const freqs = [...new Set(plan.freqHz)];
    this.channelFreqId = Int32Array.from(plan.freqHz, (f) => freqs.indexOf(f));
    this.lastOnFreq = new Int32Array(freqs.length).fill(-1);
    this.uDbm = new Float64Array(RING * links.gateways);
    this.uMw = new Float64Array(RING * links.gateways);
    const ulTxDbm = (this.ulTxDbm = s.devices.txPowerDbm + s.devices.antennaGainDbi + s.gateways.antennaGainDbi);
    // UplinkRx.powerDbm without fading: the uplink EIRP less the link's loss
    this.linkMw = this.rx.fading === FADE_NONE ? new LinkMw((link) => ulTxDbm - links.lossDb[link], links.lossDb.length) : null;
    this.bandFreeUs = new Float64Array(n * bands.length);

    const lora = region.dataRates.filter((r) => r && r.uplink && r.modulation === 'LoRa' && r.bwHz === 125000).map((r) => r!);
    // uplink dwell time (US915, AU915, AS923: 400 ms) rules out the slow data rates for the
    // background payload (lorawan-facts 2.6); the fastest rate stays if none would fit
    const dwellUs = region.dwellTimeMs.uplink === null ? Infinity : region.dwellTimeMs.uplink * 1000;
    const trafficPhy = s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES;
    const fits = lora.filter((c) => lorawanUplinkAirtimeUs(c.sf, c.bwHz, trafficPhy) <= dwellUs);
    const candidates = fits.length > 0 ? fits : lora.slice(-1);
    const wakeUs = s.devices.radioProfile.wakeupMs * 1000;
    const wake = { wakeupUs: wakeUs };
    const rx2 = region.dataRates[s.devices.rxDataRate2]!;
    this.rx2OpenAfterUs = RX2_DELAY_US + rxWindowOffsetMs(rx2.sf, rx2.bwHz, wake) * 1000;
    this.rx2LengthUs = emptyRxWindowUs(rx2.sf, rx2.bwHz, wake);
    const dwell = s.devices.downlinkDwellTime === 1;
    const fixed = s.traffic.uplinkDr;
    for (let d = 0; d < n; d++) {
      const rssi = ulTxDbm - links.lossDb[d * links.gateways + links.best[d]];
      let pick = candidates[0];
      for (const c of candidates) {
        if (fixed !== null ? c.dr === fixed : rssi >= gatewaySensitivityDbm(c.sf, c.bwHz) + UPLINK_DR_MARGIN_DB && c.sf <= pick.sf) pick = c;
      }
      const rx1Dr = region.rx1.dr(pick.dr, s.devices.rxDrOffset1, dwell);
      const rx1 = region.dataRates[rx1Dr]!;
      this.rx1Dr[d] = rx1Dr;
      const at = d * DEV;
      this.dev[at + BW] = pick.bwHz;
      this.dev[at + SF] = pick.sf;
      this.dev[at + DR] = pick.dr;
      this.dev[at + RX1_OPEN] = RX1_DELAY_US + rxWindowOffsetMs(rx1.sf, rx1.bwHz, wake) * 1000;
      this.dev[at + RX1_LEN] = emptyRxWindowUs(rx1.sf, rx1.bwHz, wake);
      this.dev[at + EMPTY] = this.dev[at + RX1_LEN] + this.rx2LengthUs;
    }
    if (this.rx.fading === FADE_NONE) {
      const G = links.gateways;
      // the same power and floor onEnd works out (UplinkRx.powerDbm without fading, floorDbm)
      this.hearing = buildHearingList(n, G, (d, g) => ulTxDbm - links.lossDb[d * G + g], (d) => this.rx.floorDbm(gatewaySensitivityDbm(this.uplinkSf(d), this.uplinkBwHz(d))));
    } else {
      this.hearing = null;
    }
    this.lazyReceivers = this.hearing !== null && this.rx.decidesOnPowersAlone() && !ctx.world.reference;
  }

  /** Registers the handler told about uplinks sent with `owner`; returns the owner code. */
  register(handler: UplinkHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Device d's uplink data rate. */
  uplinkDr(d: number): number {
    return this.dev[d * DEV + DR];
  }

  /** Device d's uplink spreading factor. */
  uplinkSf(d: number): number {
    return this.dev[d * DEV + SF];
  }

  /** Device d's uplink bandwidth, Hz. */
  uplinkBwHz(d: number): number {
    return this.dev[d * DEV + BW];
  }

  /** Airtime of a `phyBytes` uplink of device d, µs. */
  airtimeUs(d: number, phyBytes: number): number {
    return lorawanUplinkAirtimeUs(this.uplinkSf(d), this.uplinkBwHz(d), phyBytes);
  }

  /**
   * Earliest time device d may start an uplink: its MAC is idle and the duty cycle of at least one
   * sub-band with a channel for its data rate allows it.
   */
  freeAtUs(d: number): number {
    const nb = this.bandDutyCycle.length;
    const bw = this.uplinkBwHz(d);
    let band = Infinity;
    for (let c = 0; c < this.channelFreqHz.length; c++) {
      if (this.channelBwHz[c] !== bw) continue;
      const t = this.bandFreeUs[d * nb + this.channelBand[c]];
      if (t < band) band = t;
    }
    return Math.max(this.dev[d * DEV + BUSY], band);
  }

  /** The device's class A exchange lasts until atUs (a downlink it receives in RX1 or RX2). */
  extendBusy(d: number, atUs: number): void {
    if (atUs > this.dev[d * DEV + BUSY]) this.dev[d * DEV + BUSY] = atUs;
    // the caller stretches the device's deaf or RX1 window to atUs (classa-downlink.ts)
    const { fleet } = this.ctx.world;
    fleet.bySlot.openWindows.add(fleet.order.slotOf[d]);
  }

  /**
   * Device d transmits now (it must be free: `freeAtUs(d)` <= now): logged, charged (TX, not also
   * RX where it interrupts continuous listening, plus its class A windows unless it listens
   * continuously anyway: sim/listening.ts), deaf to the session as the header says; `owner` is told
   * the outcome at the end. Returns the uplink channel, Hz. `msg`: the campaign message it carries
   * (0: background traffic), recorded for the frame capture with `confirmed` (a confirmed frame).
   */
  send(d: number, phyBytes: number, kind: TxKind, owner: number, arg = 0, msg = 0, confirmed = false, channel = -1): number {
    const { kernel, world, txlog } = this.ctx;
    const { s, fleet } = world;
    const now = kernel.now;
    if (now < this.freeAtUs(d)) throw new Error(`device ${d} would start an uplink at ${now} µs while busy until ${this.freeAtUs(d)} µs`);
    const c = channel >= 0 ? channel : this.pickChannel(d, now);
    const freqHz = this.channelFreqHz[c];
    const air = this.airtimeUs(d, phyBytes);
    const end = now + air;
    const id = this.nextId++;
    const r = id % RING;
    const fid = this.channelFreqId[c];
    const prev = this.lastOnFreq[fid];
    this.uPrev[r] = prev;
    this.uNext[r] = -1;
    if (prev >= 0 && prev > id - RING) this.uNext[prev % RING] = id;
    this.lastOnFreq[fid] = id;
    const G = world.links.gateways;
    this.uDbm.fill(NaN, r * G, r * G + G);
    this.uStart[r] = now;
    this.uEnd[r] = end;
    this.uFreq[r] = freqHz;
    const at = d * DEV;
    const dev = this.dev;
    this.uSf[r] = dev[at + SF];
    this.uDev[r] = d;
    this.uOwner[r] = owner;
    this.uArg[r] = arg;
    this.uPhy[r] = phyBytes;
    if (air > this.longestAirUs) this.longestAirUs = air;
    // the gateways that hear its preamble take a demodulation path for it (docs/models/sinr.md)
    this.rx.lock(id, d, this.ulTxDbm, gatewaySensitivityDbm(dev[at + SF], dev[at + BW]), now, end, this.hearing);
    // ETSI off-time of the channel's sub-band: the next frame there starts ToA / dc after this one
    const dc = this.bandDutyCycle[this.channelBand[c]];
    if (dc < 1) this.bandFreeUs[d * this.bandDutyCycle.length + this.channelBand[c]] = now + air / dc;
    const rx2CloseUs = end + this.rx2OpenAfterUs + this.rx2LengthUs;
    dev[at + BUSY] = rx2CloseUs;
    txlog.detail(txlog.add(now, air, -d - 1, kind, freqHz, dev[at + DR], dev[at + SF], dev[at + BW], phyBytes), d, msg, confirmed ? 1 : 0);
    fleet.energy.txUs[d] += air;
    fleet.energy.txInListenUs[d] += continuousListeningOverlapUs(world, d, now, now + air);
    if (!listensContinuouslyAt(world, d, now)) fleet.energy.rxUs[d] += dev[at + EMPTY];
    const classC = s.multicastGroup.dlClass === 'ClassC';
    const f = fleet.bySlot;
    const i = fleet.order.slotOf[d];
    f.deafFromUs[i] = now;
    if (classC) {
      f.deafToUs[i] = end;
      f.rx1FromUs[i] = end + dev[at + RX1_OPEN];
      f.rx1ToUs[i] = f.rx1FromUs[i] + dev[at + RX1_LEN];
    } else {
      f.deafToUs[i] = rx2CloseUs;
    }
    f.openWindows.add(i);
    this.sent++;
    kernel.at(end, Ev.uplinkEnd, id);
    return freqHz;
  }

  /**
   * Listen before talk (devices.lbt, docs/models/sinr.md): the channels for device d's data rate that
   * its duty cycle allows now, sensed in a random order over the last `senseMs`; returns the first
   * on which nothing it hears reaches the threshold, or −1 when all are busy.
   */
  clearChannel(d: number, now: number): number {
    const { s } = this.ctx.world;
    const lbt = s.devices.lbt;
    const nb = this.bandDutyCycle.length;
    const bw = this.uplinkBwHz(d);
    const m = this.channelFreqHz.length;
    const first = Math.floor(uniform(s.seed, Purpose.lbt, d, this.lbtCounters[d]++) * m);
    for (let j = 0; j < m; j++) {
      const c = (first + j) % m;
      if (this.channelBwHz[c] !== bw || this.bandFreeUs[d * nb + this.channelBand[c]] > now) continue;
      if (!this.sensesBusy(d, this.channelFreqHz[c], bw, now - lbt.senseMs * 1000, now, lbt.thresholdDbm)) return c;
    }
    return -1;
  }

  /** Whether device d hears, over [fromUs, toUs) on freqHz, an uplink, a gateway downlink or a foreign frame at thresholdDbm or more. */
  private sensesBusy(d: number, freqHz: number, bwHz: number, fromUs: number, toUs: number, thresholdDbm: number): boolean {
    const { s, positions } = this.ctx.world;
    const txDbm = s.devices.txPowerDbm + 2 * s.devices.antennaGainDbi;
    // other devices' uplinks: device-to-device path loss of the scenario's model, no shadowing
    for (let o = this.nextId - 1; o >= Math.max(0, this.nextId - RING); o--) {
      const ro = o % RING;
      if (this.uStart[ro] < fromUs - this.longestAirUs) break;
      if (this.uFreq[ro] !== freqHz || this.uStart[ro] >= toUs || this.uEnd[ro] <= fromUs || this.uDev[ro] === d) continue;
      const e = this.uDev[ro];
      const dist = Math.hypot(positions.xM[d] - positions.xM[e], positions.yM[d] - positions.yM[e]);
      if (txDbm - pathLossDb(s.channel.pathLoss, dist, freqHz) >= thresholdDbm) return true;
    }
    // gateway downlinks (any kind) on a colliding frequency, at the power the device receives them
    const rx = (this.ctx.downlinkRx ??= new DownlinkRx(this.ctx));
    const n = this.ctx.downlinkAir.overlapping(fromUs, toUs, -1, freqHz, bwHz, this.senseIds);
    for (let i = 0; i < n; i++) {
      const k = this.ctx.downlinkAir.slot(this.senseIds[i]);
      const f = this.ctx.downlinkAir.freqHz[k];
      if (rx.rxDbmAt(d * this.ctx.world.links.gateways + this.ctx.downlinkAir.gateway[k]) + rx.txOffsetDb(f) >= thresholdDbm) return true;
    }
    // the external load
    const heard = this.rx.externalHeard(d, freqHz, fromUs, toUs, this.intDbm, this.intSf);
    for (let i = 0; i < heard; i++) if (this.intDbm[i] >= thresholdDbm) return true;
    return false;
  }

  /** A channel for device d's data rate whose sub-band its duty cycle allows now, uniformly at random. */
  private pickChannel(d: number, now: number): number {
    const nb = this.bandDutyCycle.length;
    const bw = this.uplinkBwHz(d);
    let count = 0;
    for (let c = 0; c < this.channelFreqHz.length; c++) {
      if (this.channelBwHz[c] === bw && this.bandFreeUs[d * nb + this.channelBand[c]] <= now) count++;
    }
    let k = Math.floor(uniform(this.ctx.world.s.seed, Purpose.uplinkChannel, d, this.dev[d * DEV + DRAWS]++) * count);
    for (let c = 0; c < this.channelFreqHz.length; c++) {
      if (this.channelBwHz[c] === bw && this.bandFreeUs[d * nb + this.channelBand[c]] <= now && k-- === 0) return c;
    }
    throw new Error(`device ${d} has no uplink channel free at ${now} µs`);
  }

  /** Power of uplink `id` (ring slot r, device d) at gateway g, dBm (UplinkRx.powerDbm), worked out once per uplink and gateway. */
  private powerAt(id: number, r: number, d: number, g: number, txDbm: number, startUs: number): number {
    const k = r * this.ctx.world.links.gateways + g;
    let p = this.uDbm[k];
    if (p !== p) {
      p = this.uDbm[k] = this.rx.powerDbm(id, d, g, txDbm, startUs);
      this.uMw[k] = NaN;
    }
    return p;
  }

  /** The same in mW (Math.pow(10, dBm / 10)), once per uplink and gateway; powerAt first. */
  private powerMwAt(r: number, g: number): number {
    const k = r * this.ctx.world.links.gateways + g;
    let mw = this.uMw[k];
    if (mw !== mw) mw = this.uMw[k] = this.linkMw !== null ? this.linkMw.mw(this.uDev[r] * this.ctx.world.links.gateways + g) : Math.pow(10, this.uDbm[k] / 10);
    return mw;
  }

  /** Ev.uplinkEnd: which gateways, if any, received the uplink. */
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
    const txDbm = this.ulTxDbm;
    const sens = gatewaySensitivityDbm(sf, this.uplinkBwHz(d));
    // overlapping uplinks on the same frequency; ids are in start order, so follow the frequency's
    // chain outwards from id (the uplinks of the ring between, on other frequencies, never count)
    let nOv = 0;
    const oldest = Math.max(0, this.nextId - RING);
    for (let o = this.uPrev[r]; o >= oldest && nOv < MAX_OVERLAP; o = this.uPrev[o % RING]) {
      const ro = o % RING;
      if (this.uStart[ro] < start - this.longestAirUs) break;
      if (this.uEnd[ro] > start) {
        this.ovId[nOv] = o;
        this.ov[nOv++] = ro;
      }
    }
    for (let o = this.uNext[r]; o >= 0 && nOv < MAX_OVERLAP; o = this.uNext[o % RING]) {
      const ro = o % RING;
      if (this.uStart[ro] >= end) break;
      this.ovId[nOv] = o;
      this.ov[nOv++] = ro;
    }
    const rx = this.rx;
    const floor = rx.floorDbm(sens);
    if (this.lazyReceivers) return this.onEndLazy(id, r, d, start, end, freq, floor, sens, nOv);
    let heard = false;
    let count = 0;
    // without fading only the gateways in the device's hearing list can reach the floor
    const hear = this.hearing;
    const from = hear === null ? 0 : d * hear.stride + 1;
    const to = hear === null ? G : from + hear.lists[from - 1];
    for (let h = from; h < to; h++) {
      const g = hear === null ? h : hear.lists[h];
      const sig = this.powerAt(id, r, d, g, txDbm, start);
      if (sig < floor) continue;
      if (sig >= sens) heard = true;
      if (!rx.hasPath(id, g)) continue; // every demodulation path was busy when it started
      if (gateways[g].transmittingDuring(start, end)) continue; // half-duplex
      for (let i = 0; i < nOv; i++) {
        const ro = this.ov[i];
        this.intDbm[i] = this.powerAt(this.ovId[i], ro, this.uDev[ro], g, txDbm, this.uStart[ro]);
        this.intMw[i] = this.powerMwAt(ro, g);
        this.intSf[i] = this.uSf[ro];
        this.intOverlapUs[i] = Math.min(end, this.uEnd[ro]) - Math.max(start, this.uStart[ro]);
      }
      if (!rx.decodes(id, g, sig, sf, this.uplinkBwHz(d), freq, start, end, this.uPhy[r], this.intDbm, this.intSf, this.intOverlapUs, nOv, this.intMw)) continue;
      // insert by received power, strongest first (equal noise floors: the SNR order), ties to the lower id
      let i = count++;
      while (i > 0 && this.receiverDbm[i - 1] < sig) {
        this.receivers[i] = this.receivers[i - 1];
        this.receiverDbm[i] = this.receiverDbm[i - 1];
        i--;
      }
      this.receivers[i] = g;
      this.receiverDbm[i] = sig;
    }
    const best = count > 0 ? this.receivers[0] : -1;
    if (best < 0 && heard) this.collisions++;
    this.receiverCount = count;
    this.receiversOf = d;
    this.handlers[this.uOwner[r]](d, this.uArg[r], best, end, freq);
    if (best >= 0 && this.heardHook) this.heardHook(d, best, end, freq);
    this.receiversOf = -1;
  }

  /**
   * onEnd without fading and with decisions on powers alone: the hearing list is in the order of
   * the receivers (strongest first, equal powers in gateway order), so the first gateway that
   * receives the uplink is its best and the others are looked at only if a class A answer asks
   * (receiversOfUplink). Everything a gateway's decision reads is fixed by then: the powers are the
   * links' own, the overlapping uplinks are copied here, the demodulation paths were taken when the
   * uplinks started, and no gateway starts a frame during the handlers of this event.
   */
  private onEndLazy(id: number, r: number, d: number, start: number, end: number, freq: number, floor: number, sens: number, nOv: number): void {
    for (let i = 0; i < nOv; i++) {
      const ro = this.ov[i];
      this.ovDev[i] = this.uDev[ro];
      this.ovSf[i] = this.uSf[ro];
    }
    const hear = this.hearing!;
    this.pendId = id;
    this.pendDev = d;
    this.pendStartUs = start;
    this.pendEndUs = end;
    this.pendFloorDbm = floor;
    this.pendSensDbm = sens;
    this.pendSf = this.uSf[r];
    this.pendOverlaps = nOv;
    this.pendNext = d * hear.stride + 1;
    this.pendTo = this.pendNext + hear.lists[this.pendNext - 1];
    this.pendHeard = false;
    const best = this.nextReceiver();
    this.receiverCount = best >= 0 ? 1 : 0;
    if (best >= 0) this.receivers[0] = best;
    // without a receiver the whole list was looked at, so pendHeard is final
    if (best < 0 && this.pendHeard) this.collisions++;
    this.receiversOf = d;
    this.handlers[this.uOwner[r]](d, this.uArg[r], best, end, freq);
    if (best >= 0 && this.heardHook) this.heardHook(d, best, end, freq);
    this.receiversOf = -1;
    this.pendId = -1;
  }

  /**
   * The next gateway of the pending uplink's hearing list that receives it (-1: none is left);
   * notes whether a gateway looked at had it at or above sensitivity (`pendHeard`).
   */
  private nextReceiver(): number {
    const d = this.pendDev;
    const G = this.ctx.world.links.gateways;
    const lossDb = this.ctx.world.links.lossDb;
    const hear = this.hearing!;
    while (this.pendNext < this.pendTo) {
      const g = hear.lists[this.pendNext];
      const sig = this.ulTxDbm - lossDb[d * G + g];
      if (sig < this.pendFloorDbm) break; // and so are all after it
      this.pendNext++;
      this.gatewaysTried++;
      if (sig >= this.pendSensDbm) this.pendHeard = true;
      if (this.pendingReceives(g, sig)) return g;
    }
    this.pendNext = this.pendTo;
    return -1;
  }

  /** Whether gateway g receives the pending uplink (its power there sig): a path, not sending, the overlaps. */
  private pendingReceives(g: number, sig: number): boolean {
    const id = this.pendId;
    const start = this.pendStartUs;
    const end = this.pendEndUs;
    if (!this.rx.hasPath(id, g)) return false; // every demodulation path was busy when it started
    if (this.ctx.gateways[g].transmittingDuring(start, end)) return false; // half-duplex
    const G = this.ctx.world.links.gateways;
    const n = this.pendOverlaps;
    if (n === 0) return true;
    this.overlapDecisions++;
    this.overlapsWeighed += n;
    // the overlaps' powers at g (UplinkRx.powerDbm without fading, in mW as powerMwAt gives them).
    // The co-SF ones first, in overlap order, until their sum alone is past the capture threshold:
    // the whole sum is at least that (a sum of non-negative terms), so the frame is lost whatever the
    // others add (SURE_CAPTURE_LOSS_RATIO), and the other SFs' powers are not read. Most decisions
    // in a dense fleet end so (a link read is a cache miss in a large fleet's table).
    const linkMw = this.linkMw!;
    const sf = this.pendSf;
    const ovSf = this.ovSf;
    const sigMw = linkMw.mw(this.pendDev * G + g); // Math.pow(10, sig / 10)
    const lostAbove = sigMw * SURE_CAPTURE_LOSS_RATIO;
    // the co-SF sum, the same additions as survivesInterferenceMw's accumulator for that SF
    let co = 0;
    for (let i = 0; i < n; i++) {
      if (ovSf[i] !== sf) continue;
      const mw = linkMw.mw(this.ovDev[i] * G + g);
      co += mw;
      if (co > lostAbove) {
        this.sureLosses++;
        return false;
      }
      this.intMw[i] = mw;
      this.intSf[i] = sf;
    }
    // not a sure loss: the other SFs' powers too, for the whole decision
    for (let i = 0; i < n; i++) {
      if (ovSf[i] === sf) continue;
      this.intMw[i] = linkMw.mw(this.ovDev[i] * G + g);
      this.intSf[i] = ovSf[i];
    }
    return this.rx.decodesOnPowers(sig, sf, this.intMw, this.intSf, n, sigMw);
  }

  /**
   * How many gateways received the uplink being handled (device `receiversOf`); they are
   * `receivers[0 ..]`, best first: while its handlers run, the ones onEnd did not look at are looked at now.
   */
  receiversOfUplink(): number {
    if (this.pendId >= 0) {
      for (let g = this.nextReceiver(); g >= 0; g = this.nextReceiver()) this.receivers[this.receiverCount++] = g;
    }
    return this.receiverCount;
  }

}
