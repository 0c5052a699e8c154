/**
 * Class A downlinks: a unicast frame for a device can only go out in the receive windows that open
 * after one of its uplinks — RX1 one second after the uplink ends (on the RX1 channel and data rate
 * of the region) or, when the gateway cannot send then (busy, or the duty-cycle ledger of the RX1
 * sub-band forbids it), RX2 one second later (lorawan-facts 2.3). The gateway that heard the uplink
 * best answers. The device receives the frame when it reaches its sensitivity.
 */
import { RX1_DELAY_US, emptyRxWindowUs } from '../lorawan/classa.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { lorawanDownlinkAirtimeUs } from '../radio/airtime.js';
import { deviceSensitivityDbm } from '../radio/sensitivity.js';
import { Purpose, uniform } from '../engine/rng.js';
import type { TxKind } from './types.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import type { UplinkMedium } from './uplinks.js';
import { listensContinuouslyAt } from './listening.js';

/**
 * Told whether the device received the downlink (`atUs`: end of the frame, or when it was given
 * up) and whether the gateway sent it at all (`sent` false: neither window was usable).
 */
export type DownlinkHandler = (device: number, arg: number, delivered: boolean, atUs: number, sent: boolean) => void;

const RX2_AFTER_RX1_US = 1_000_000;

interface Pending {
  d: number;
  g: number;
  ulFreqHz: number;
  phyBytes: number;
  kind: TxKind;
  owner: number;
  arg: number;
  /** campaign message and its argument, recorded for the frame capture */
  msg: number;
  msgArg: number;
  stage: 1 | 2;
}

export class ClassADownlinks {
  private readonly pending = new Map<number, Pending>();
  private nextSlot = 0;
  private readonly handlers: DownlinkHandler[] = [];
  sent = 0;
  missedWindows = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
  ) {}

  /** Whether a frame of phyBytes fits the data rate of device d's RX1 or RX2 window (RP002 maximum FRMPayload). */
  fitsAWindow(d: number, phyBytes: number): boolean {
    const { region } = this.ctx.world;
    const frm = phyBytes - FRAME_OVERHEAD_BYTES;
    return frm <= region.maxFrmPayloadBytes(region.rx1.dr(this.medium.ulDr[d], 0)) || frm <= region.maxFrmPayloadBytes(region.rx2.dr);
  }

  /** Whether a frame from gateway g on freqHz at (sf, bw) reaches device d's sensitivity. */
  private reaches(d: number, g: number, freqHz: number, sf: number, bwHz: number): boolean {
    const { s, region, links } = this.ctx.world;
    const txDbm = Math.min(s.gateways.txPowerDbm, region.downlinkTxPowerDbm(freqHz)) + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    return txDbm - links.lossDb[d * links.gateways + g] >= deviceSensitivityDbm(s.devices.radio, sf, bwHz);
  }

  register(handler: DownlinkHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Queues a downlink for device d in the windows of its uplink that gateway g heard, ending at endUs.
   * `msg`, `msgArg`: the campaign message it carries, recorded for the frame capture.
   */
  answer(d: number, g: number, endUs: number, ulFreqHz: number, phyBytes: number, kind: TxKind, owner: number, arg = 0, msg = 0, msgArg = 0): void {
    const slot = this.nextSlot++;
    this.pending.set(slot, { d, g, ulFreqHz, phyBytes, kind, owner, arg, msg, msgArg, stage: 1 });
    this.ctx.kernel.at(endUs + RX1_DELAY_US, Ev.classADownlink, slot);
  }

  /** Ev.classADownlink: the window opens; send if the gateway may, else try RX2 or give up. */
  onWindow(slot: number): void {
    const p = this.pending.get(slot);
    if (!p) return;
    const { kernel, world, gateways, txlog } = this.ctx;
    const { s, region, links, fleet } = world;
    const now = kernel.now;
    const ulDr = this.medium.ulDr[p.d];
    const chans = region.defaultUplinkChannelsHz;
    const freqHz = p.stage === 1 ? region.rx1.freqHz(p.ulFreqHz, Math.max(0, chans.indexOf(p.ulFreqHz))) : region.rx2.freqHz;
    const drIndex = p.stage === 1 ? region.rx1.dr(ulDr, 0) : region.rx2.dr;
    const dr = region.dataRates[drIndex]!;
    const air = lorawanDownlinkAirtimeUs(dr.sf, dr.bwHz, p.phyBytes);
    const gw = gateways[p.g];
    // the frame must fit the window's data rate (RP002 maximum FRMPayload, lorawan-facts 2.2)
    const fits = p.phyBytes - FRAME_OVERHEAD_BYTES <= region.maxFrmPayloadBytes(drIndex);
    // like ChirpStack's rx2_prefer_on_link_budget: skip RX1 when the link cannot carry it and RX2 can
    const rx2Dr = region.dataRates[region.rx2.dr]!;
    const skipRx1 = p.stage === 1 && !this.reaches(p.d, p.g, freqHz, dr.sf, dr.bwHz) && this.reaches(p.d, p.g, region.rx2.freqHz, rx2Dr.sf, rx2Dr.bwHz);
    if (skipRx1 || !fits || !gw.canStartNow(now, freqHz, air)) {
      this.missedWindows++;
      if (p.stage === 1) {
        p.stage = 2;
        kernel.at(now + RX2_AFTER_RX1_US, Ev.classADownlink, slot);
        return;
      }
      this.pending.delete(slot);
      this.handlers[p.owner](p.d, p.arg, false, now, false);
      return;
    }
    this.pending.delete(slot);
    gw.transmit(now, air, freqHz);
    txlog.detail(txlog.add(now, air, p.g, p.kind, freqHz, drIndex, dr.sf, dr.bwHz, p.phyBytes), p.d, p.msg, p.msgArg);
    this.sent++;
    const ok = this.reaches(p.d, p.g, freqHz, dr.sf, dr.bwHz) && !(s.channel.extraLoss > 0 && uniform(s.seed, Purpose.extraLoss, p.d, 0x40000000 + slot) < s.channel.extraLoss);
    // the device's window was charged as empty when it sent the uplink; a frame keeps it open longer
    // (nothing extra for a device whose receiver is on continuously anyway: sim/listening.ts)
    if (ok && !listensContinuouslyAt(world, p.d, now)) fleet.energy.rxUs[p.d] += Math.max(0, air - emptyRxWindowUs(dr.sf, dr.bwHz));
    this.handlers[p.owner](p.d, p.arg, ok, now + air, true);
  }
}
