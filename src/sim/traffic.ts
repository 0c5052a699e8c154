/**
 * Background class A traffic: every device sends an unconfirmed uplink every `uplinkIntervalS`
 * (its own random phase, and each period varied by U(−1, 1) s as LoRaMac-node's example applications
 * do with APP_TX_DUTYCYCLE_RND, so that two devices do not stay locked on the same instant) during
 * the campaign, through the shared uplink medium. Reported as
 * `backgroundPdr`: the cost of FUOTA to normal service (gateways deaf while they transmit
 * fragments, class C devices deaf to the session while they transmit).
 */
import { Purpose, uniform } from '../engine/rng.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import type { UplinkMedium } from './uplinks.js';

/** Largest change of one period, µs (LoRaMac-node APP_TX_DUTYCYCLE_RND, 1 s). */
const PERIOD_JITTER_US = 1_000_000;

export class BackgroundTraffic {
  private readonly intervalUs: number;
  private readonly owner: number;
  private readonly phyBytes: number;
  private readonly sentPerDevice: Uint32Array;
  /** no uplink starts at or after this time */
  stopUs = Infinity;
  uplinks = 0;
  delivered = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
  ) {
    const { s } = ctx.world;
    this.intervalUs = s.traffic.uplinkIntervalS * 1e6;
    this.phyBytes = s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES;
    this.sentPerDevice = new Uint32Array(s.devices.count);
    this.owner = medium.register((_d, _arg, gateway) => {
      if (gateway >= 0) this.delivered++;
    });
  }

  start(fromUs: number): void {
    if (!(this.intervalUs > 0)) return;
    const { s, fleet } = this.ctx.world;
    for (let d = 0; d < fleet.count; d++) {
      this.ctx.kernel.at(fromUs + Math.floor(uniform(s.seed, Purpose.uplinkPhase, d, 0) * this.intervalUs), Ev.uplinkStart, d);
    }
  }

  /**
   * Ev.uplinkStart. A device still busy with its previous exchange or held by its duty cycle sends
   * as soon as it may (LoRaMac-node delays a frame its duty cycle holds back); the next period
   * counts from the frame actually sent.
   */
  onStart(d: number): void {
    const { kernel } = this.ctx;
    if (kernel.now >= this.stopUs) return;
    const freeUs = this.medium.freeAtUs(d);
    if (kernel.now < freeUs) {
      kernel.at(freeUs, Ev.uplinkStart, d);
      return;
    }
    this.uplinks++;
    this.medium.send(d, this.phyBytes, 'uplink', this.owner);
    const jitterUs = Math.round((2 * uniform(this.ctx.world.s.seed, Purpose.uplinkPhase, d, ++this.sentPerDevice[d]) - 1) * PERIOD_JITTER_US);
    kernel.after(Math.max(1, this.intervalUs + jitterUs), Ev.uplinkStart, d);
  }
}
