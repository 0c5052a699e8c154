/**
 * Class A downlinks: a unicast frame for a device can only go out in the receive windows that open
 * after one of its uplinks — RX1 one second after the uplink ends (on the RX1 channel, at the RX1
 * data rate the device's RX1DROffset gives) or RX2 one second later (devices.rxFreq2 at
 * devices.rxDataRate2), lorawan-facts 2.3 and 7.1.
 *
 * Which gateway answers: the gateways that received the uplink, strongest first, are asked in turn
 * and the first whose radio is free and whose duty cycle allows the frame (and that keeps the next
 * class B beacon free) sends it. The Things Stack's Network Server orders the downlink paths of an
 * uplink by SNR and moves to the next path when a Gateway Server refuses one, e.g. for its duty
 * cycle (`downlinkPathsFromMetadata`, `scheduleDownlinkByPaths`; Gateway Server `errDutyCycle`);
 * ChirpStack also picks the best SNR/RSSI among the gateways that received the uplink
 * (`select_downlink_gateway`) but does not fall back to another one when the gateway answers
 * DUTY_CYCLE_OVERFLOW or TOO_LATE (the queue item waits for the next uplink). RX1 is tried on every
 * gateway before RX2 is, since the RX1 moment comes first.
 *
 * Every downlink must fit its window's data rate (RP002 maximum FRMPayload) and, with AS923
 * DownlinkDwellTime = 1, 400 ms on the air (the dwell-time payload table, lorawan-facts 2.2/2.6).
 * The device receives the frame as it receives a multicast frame (downlink-rx.ts: link, other
 * gateways' frames, burst state, extra loss), judged when the frame ends.
 */
import { RX1_DELAY_US, RX2_DELAY_US, emptyRxWindowUs } from '../lorawan/classa.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { lorawanDownlinkAirtimeUs } from '../radio/airtime.js';
import { deviceSensitivityDbm } from '../radio/sensitivity.js';
import type { TxKind } from './types.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import { DownlinkRx } from './downlink-rx.js';
import type { UplinkMedium } from './uplinks.js';
import { listensContinuouslyAt } from './listening.js';

/**
 * Told whether the device received the downlink (`atUs`: end of the frame, or when it was given
 * up) and whether the gateway sent it at all (`sent` false: neither window was usable).
 */
export type DownlinkHandler = (device: number, arg: number, delivered: boolean, atUs: number, sent: boolean) => void;

const RX2_AFTER_RX1_US = RX2_DELAY_US - RX1_DELAY_US;

interface Pending {
  d: number;
  /** gateways that received the uplink, strongest first */
  gateways: number[];
  ulFreqHz: number;
  ulChannel: number;
  phyBytes: number;
  kind: TxKind;
  owner: number;
  arg: number;
  /** campaign message and its argument, recorded for the frame capture */
  msg: number;
  msgArg: number;
  /** 1: RX1 opens, 2: RX2 opens, 3: the frame sent has ended */
  stage: 1 | 2 | 3;
  // the frame sent (stage 3)
  g: number;
  airId: number;
  startUs: number;
  freqHz: number;
  dr: number;
}

export class ClassADownlinks {
  private readonly pending = new Map<number, Pending>();
  private nextSlot = 0;
  private readonly handlers: DownlinkHandler[] = [];
  private readonly dwell: boolean;
  /** AS923 DownlinkDwellTime = 1: longest downlink, µs */
  private readonly dwellUs: number;
  private rxCache: DownlinkRx | null = null;
  sent = 0;
  /** frames the device received */
  delivered = 0;
  missedWindows = 0;
  /** answers sent by another gateway than the one that heard the uplink best */
  fallbackGateway = 0;
  /** told every frame's outcome when it ends (diagnostics and validation) */
  onOutcome: ((device: number, endUs: number, delivered: boolean) => void) | null = null;
  /** per device: downlinks queued in the windows of its last uplink and not yet over */
  private readonly queued: Uint16Array;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
  ) {
    this.dwell = ctx.world.s.devices.downlinkDwellTime === 1;
    this.dwellUs = this.dwell ? 400_000 : Infinity;
    this.queued = new Uint16Array(ctx.world.fleet.count);
  }

  /** Whether a downlink for device d is queued or on the air (the windows of its last uplink are taken). */
  hasQueued(d: number): boolean {
    return this.queued[d] > 0;
  }

  private get rx(): DownlinkRx {
    return (this.rxCache ??= this.ctx.downlinkRx ??= new DownlinkRx(this.ctx));
  }

  /** Largest FRMPayload of a downlink DR in this run (AS923 dwell time applied). */
  private maxFrm(dr: number): number {
    return this.ctx.world.region.maxFrmPayloadBytes(dr, { dwellTime: this.dwell });
  }

  /** Whether a frame of phyBytes fits the data rate of device d's RX1 or RX2 window (RP002 maximum FRMPayload, dwell time). */
  fitsAWindow(d: number, phyBytes: number): boolean {
    const frm = phyBytes - FRAME_OVERHEAD_BYTES;
    return frm <= this.maxFrm(this.medium.rx1Dr[d]) || frm <= this.maxFrm(this.ctx.world.s.devices.rxDataRate2);
  }

  /** Whether a frame from gateway g on freqHz at (sf, bw) reaches device d's sensitivity (mean link). */
  private reaches(d: number, g: number, freqHz: number, sf: number, bwHz: number): boolean {
    const { s, links } = this.ctx.world;
    const rx = this.rx;
    return rx.rxDbmAt(d * links.gateways + g) + rx.txOffsetDb(freqHz) >= deviceSensitivityDbm(s.devices.radio, sf, bwHz);
  }

  register(handler: DownlinkHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Queues a downlink for device d in the windows of its uplink that gateway g heard best, ending
   * at endUs. Called while the uplink is handled, the other gateways that received it are offered too.
   * `msg`, `msgArg`: the campaign message it carries, recorded for the frame capture.
   */
  answer(d: number, g: number, endUs: number, ulFreqHz: number, phyBytes: number, kind: TxKind, owner: number, arg = 0, msg = 0, msgArg = 0): void {
    const m = this.medium;
    const gateways = m.receiversOf === d ? m.receiversOfUplink() : [g];
    const c = m.channelFreqHz.indexOf(ulFreqHz);
    const slot = this.nextSlot++;
    this.queued[d]++;
    this.pending.set(slot, {
      d, gateways, ulFreqHz, ulChannel: c < 0 ? 0 : m.channelIndex[c], phyBytes, kind, owner, arg, msg, msgArg, stage: 1,
      g: -1, airId: -1, startUs: 0, freqHz: 0, dr: 0,
    });
    this.ctx.kernel.at(endUs + RX1_DELAY_US, Ev.classADownlink, slot);
  }

  /** Ev.classADownlink: a window opens (send through a gateway that may, else try RX2 or give up), or a frame ends. */
  onWindow(slot: number): void {
    const p = this.pending.get(slot);
    if (!p) return;
    if (p.stage === 3) return this.frameEnded(slot, p);
    const { kernel, world, gateways } = this.ctx;
    const { s, region } = world;
    const now = kernel.now;
    const rx1 = p.stage === 1;
    const freqHz = rx1 ? region.rx1.freqHz(p.ulFreqHz, p.ulChannel) : s.devices.rxFreq2;
    const drIndex = rx1 ? this.medium.rx1Dr[p.d] : s.devices.rxDataRate2;
    const dr = region.dataRates[drIndex]!;
    const air = lorawanDownlinkAirtimeUs(dr.sf, dr.bwHz, p.phyBytes);
    // the frame must fit the window's data rate (RP002 maximum FRMPayload) and the dwell time
    const fits = p.phyBytes - FRAME_OVERHEAD_BYTES <= this.maxFrm(drIndex) && air <= this.dwellUs;
    const rx2 = region.dataRates[s.devices.rxDataRate2]!;
    let g = -1;
    if (fits) {
      for (const c of p.gateways) {
        // like ChirpStack's rx2_prefer_on_link_budget: skip RX1 when this link cannot carry it and RX2 can
        if (rx1 && !this.reaches(p.d, c, freqHz, dr.sf, dr.bwHz) && this.reaches(p.d, c, s.devices.rxFreq2, rx2.sf, rx2.bwHz)) continue;
        if (gateways[c].canStartNow(now, freqHz, air)) {
          g = c;
          break;
        }
      }
    }
    if (g < 0) {
      this.missedWindows++;
      if (rx1) {
        p.stage = 2;
        kernel.at(now + RX2_AFTER_RX1_US, Ev.classADownlink, slot);
        return;
      }
      this.pending.delete(slot);
      this.queued[p.d]--;
      this.handlers[p.owner](p.d, p.arg, false, now, false);
      return;
    }
    if (g !== p.gateways[0]) this.fallbackGateway++;
    p.g = g;
    p.stage = 3;
    p.startUs = now;
    p.freqHz = freqHz;
    p.dr = drIndex;
    p.airId = gateways[g].transmit(now, air, freqHz, now, dr.sf);
    const { txlog } = this.ctx;
    txlog.detail(txlog.add(now, air, g, p.kind, freqHz, drIndex, dr.sf, dr.bwHz, p.phyBytes), p.d, p.msg, p.msgArg);
    this.sent++;
    if (this.reaches(p.d, g, freqHz, dr.sf, dr.bwHz)) this.holdReceiver(p.d, rx1, now, now + air);
    kernel.at(now + air, Ev.classADownlink, slot);
  }

  /**
   * The device's receiver locks on the frame: its class A exchange lasts until the frame ends, and
   * the multicast session loses it for the frame (class C: its RX1 window stretches, or the RX2
   * frame takes the receiver; class B: the exchange already holds it).
   */
  private holdReceiver(d: number, rx1: boolean, startUs: number, endUs: number): void {
    const { fleet } = this.ctx.world;
    const f = fleet.bySlot;
    const i = fleet.order.slotOf[d];
    this.medium.extendBusy(d, endUs);
    if (this.ctx.world.s.multicastGroup.dlClass === 'ClassC') {
      if (!rx1) f.rx1FromUs[i] = startUs;
      if (endUs > f.rx1ToUs[i]) f.rx1ToUs[i] = endUs;
    } else if (endUs > f.deafToUs[i]) {
      f.deafToUs[i] = endUs;
    }
  }

  /** The frame has ended: did the device receive it? */
  private frameEnded(slot: number, p: Pending): void {
    this.pending.delete(slot);
    this.queued[p.d]--;
    const { s, region, fleet } = this.ctx.world;
    const now = this.ctx.kernel.now;
    const dr = region.dataRates[p.dr]!;
    const ok = this.rx.receives(p.d, p.g, p.airId, p.startUs, now, p.freqHz, dr.sf, dr.bwHz, deviceSensitivityDbm(s.devices.radio, dr.sf, dr.bwHz), p.phyBytes);
    // the device's window was charged as empty when it sent the uplink; a frame keeps it open longer
    // (nothing extra for a device whose receiver is on continuously anyway: sim/listening.ts)
    if (ok) {
      this.delivered++;
      if (!listensContinuouslyAt(this.ctx.world, p.d, p.startUs)) fleet.energy.rxUs[p.d] += Math.max(0, now - p.startUs - emptyRxWindowUs(dr.sf, dr.bwHz));
    }
    if (this.onOutcome) this.onOutcome(p.d, now, ok);
    this.handlers[p.owner](p.d, p.arg, ok, now, true);
  }
}
