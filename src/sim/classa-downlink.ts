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
import { PendingAnswers, STAGE_RX1, STAGE_RX2, STAGE_SENT } from './pending-answers.js';

/**
 * Told whether the device received the downlink (`atUs`: end of the frame, or when it was given
 * up) and whether the gateway sent it at all (`sent` false: neither window was usable).
 */
export type DownlinkHandler = (device: number, arg: number, delivered: boolean, atUs: number, sent: boolean) => void;

const RX2_AFTER_RX1_US = RX2_DELAY_US - RX1_DELAY_US;

export class ClassADownlinks {
  private readonly pending: PendingAnswers;
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
    this.pending = new PendingAnswers(ctx.world.links.gateways);
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
    const p = this.pending;
    const slot = p.take();
    const at = p.gatewaysFrom(slot);
    if (m.receiversOf === d) {
      const count = m.receiversOfUplink();
      for (let k = 0; k < count; k++) p.gateways[at + k] = m.receivers[k];
      p.gatewayCount[slot] = count;
    } else {
      p.gateways[at] = g;
      p.gatewayCount[slot] = 1;
    }
    const c = m.channelFreqHz.indexOf(ulFreqHz);
    this.queued[d]++;
    p.stage[slot] = STAGE_RX1;
    p.d[slot] = d;
    p.ulFreqHz[slot] = ulFreqHz;
    p.ulChannel[slot] = c < 0 ? 0 : m.channelIndex[c];
    p.phyBytes[slot] = phyBytes;
    p.kind[slot] = kind;
    p.owner[slot] = owner;
    p.arg[slot] = arg;
    p.msg[slot] = msg;
    p.msgArg[slot] = msgArg;
    p.g[slot] = -1;
    p.airId[slot] = -1;
    this.ctx.kernel.at(endUs + RX1_DELAY_US, Ev.classADownlink, slot);
  }

  /** Ev.classADownlink: a window opens (send through a gateway that may, else try RX2 or give up), or a frame ends. */
  onWindow(slot: number): void {
    const p = this.pending;
    const stage = p.stage[slot];
    if (stage === 0) return;
    if (stage === STAGE_SENT) return this.frameEnded(slot);
    const { kernel, world, gateways } = this.ctx;
    const { s, region } = world;
    const now = kernel.now;
    const rx1 = stage === STAGE_RX1;
    const d = p.d[slot];
    const phyBytes = p.phyBytes[slot];
    const freqHz = rx1 ? region.rx1.freqHz(p.ulFreqHz[slot], p.ulChannel[slot]) : s.devices.rxFreq2;
    const drIndex = rx1 ? this.medium.rx1Dr[d] : s.devices.rxDataRate2;
    const dr = region.dataRates[drIndex]!;
    const air = lorawanDownlinkAirtimeUs(dr.sf, dr.bwHz, phyBytes);
    // the frame must fit the window's data rate (RP002 maximum FRMPayload) and the dwell time
    const fits = phyBytes - FRAME_OVERHEAD_BYTES <= this.maxFrm(drIndex) && air <= this.dwellUs;
    const rx2 = region.dataRates[s.devices.rxDataRate2]!;
    const first = p.gatewaysFrom(slot);
    let g = -1;
    if (fits) {
      for (let k = first; k < first + p.gatewayCount[slot]; k++) {
        const c = p.gateways[k];
        // like ChirpStack's rx2_prefer_on_link_budget: skip RX1 when this link cannot carry it and RX2 can
        if (rx1 && !this.reaches(d, c, freqHz, dr.sf, dr.bwHz) && this.reaches(d, c, s.devices.rxFreq2, rx2.sf, rx2.bwHz)) continue;
        if (gateways[c].canStartNow(now, freqHz, air)) {
          g = c;
          break;
        }
      }
    }
    if (g < 0) {
      this.missedWindows++;
      if (rx1) {
        p.stage[slot] = STAGE_RX2;
        kernel.at(now + RX2_AFTER_RX1_US, Ev.classADownlink, slot);
        return;
      }
      const owner = p.owner[slot];
      const arg = p.arg[slot];
      p.release(slot);
      this.queued[d]--;
      this.handlers[owner](d, arg, false, now, false);
      return;
    }
    if (g !== p.gateways[first]) this.fallbackGateway++;
    p.g[slot] = g;
    p.stage[slot] = STAGE_SENT;
    p.startUs[slot] = now;
    p.freqHz[slot] = freqHz;
    p.dr[slot] = drIndex;
    p.airId[slot] = gateways[g].transmit(now, air, freqHz, now, dr.sf);
    const { txlog } = this.ctx;
    txlog.detail(txlog.add(now, air, g, p.kind[slot], freqHz, drIndex, dr.sf, dr.bwHz, phyBytes), d, p.msg[slot], p.msgArg[slot]);
    this.sent++;
    if (this.reaches(d, g, freqHz, dr.sf, dr.bwHz)) this.holdReceiver(d, rx1, now, now + air);
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
  private frameEnded(slot: number): void {
    const p = this.pending;
    const d = p.d[slot];
    const g = p.g[slot];
    const airId = p.airId[slot];
    const startUs = p.startUs[slot];
    const freqHz = p.freqHz[slot];
    const drIndex = p.dr[slot];
    const phyBytes = p.phyBytes[slot];
    const owner = p.owner[slot];
    const arg = p.arg[slot];
    p.release(slot);
    this.queued[d]--;
    const { s, region, fleet } = this.ctx.world;
    const now = this.ctx.kernel.now;
    const dr = region.dataRates[drIndex]!;
    const ok = this.rx.receives(d, g, airId, startUs, now, freqHz, dr.sf, dr.bwHz, deviceSensitivityDbm(s.devices.radio, dr.sf, dr.bwHz), phyBytes);
    // the device's window was charged as empty when it sent the uplink; a frame keeps it open longer
    // (nothing extra for a device whose receiver is on continuously anyway: sim/listening.ts)
    if (ok) {
      this.delivered++;
      if (!listensContinuouslyAt(this.ctx.world, d, startUs)) fleet.energy.rxUs[d] += Math.max(0, now - startUs - emptyRxWindowUs(dr.sf, dr.bwHz));
    }
    if (this.onOutcome) this.onOutcome(d, now, ok);
    this.handlers[owner](d, arg, ok, now, true);
  }
}
