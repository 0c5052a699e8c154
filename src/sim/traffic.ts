/**
 * Background class A traffic: every device sends an unconfirmed uplink every `uplinkIntervalS`
 * (its own random phase) during the campaign, through the shared uplink medium. Reported as
 * `backgroundPdr`: the cost of FUOTA to normal service (gateways deaf while they transmit
 * fragments, class C devices deaf to the session while they transmit).
 */
import { Purpose, uniform } from '../engine/rng.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import type { UplinkMedium } from './uplinks.js';

export class BackgroundTraffic {
  private readonly intervalUs: number;
  private readonly owner: number;
  private readonly phyBytes: number;
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

  /** Ev.uplinkStart */
  onStart(d: number): void {
    const { kernel } = this.ctx;
    if (kernel.now >= this.stopUs) return;
    this.uplinks++;
    this.medium.send(d, this.phyBytes, 'uplink', this.owner);
    kernel.after(this.intervalUs, Ev.uplinkStart, d);
  }
}
