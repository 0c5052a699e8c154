/**
 * The devices' campaign uplinks: answers, reports, empty uplinks. A device answers `answerDelayS`
 * plus a jitter U(0, 1 s) after what prompted it, and no earlier than the uplink medium allows: its
 * previous class A exchange over and its duty cycle (ETSI off-time per sub-band, background uplinks
 * included) leaving a channel free (uplinks.ts `freeAtUs`). A device without background traffic
 * sends an empty uplink every `POLL_INTERVAL_S` while the campaign has work for it
 * (docs/models/campaign.md).
 */
import { Purpose, uniform } from '../../engine/rng.js';
import type { RunContext } from '../context.js';
import type { UplinkMedium } from '../uplinks.js';
import { Msg, msgKind, msgPhyBytes } from './messages.js';
import { type CampaignTimers, Timer } from './timers.js';

/** Uplink period of a device that has no background traffic, s (the traffic default). */
export const POLL_INTERVAL_S = 900;
/** Largest random addition to a device's answer delay, µs. */
export const ANSWER_JITTER_US = 1_000_000;

export interface DeviceUplinkHooks {
  /** whether the campaign has work for device d (a device without traffic polls then) */
  wantsUplink(d: number): boolean;
  /** device d's uplink `code` went on the air; it ends at endUs */
  sent(d: number, code: number, endUs: number): void;
}

export class DeviceUplinks {
  private readonly draws: Uint32Array;
  /** the devices' uplink period (background traffic, or polls) */
  readonly intervalUs: number;
  readonly answerDelayUs: number;
  /** sends scheduled and campaign uplinks on the air (the campaign cannot end before they are done) */
  pendingSends = 0;
  inFlight = 0;
  hooks: DeviceUplinkHooks | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
    private readonly timers: CampaignTimers,
    /** UplinkMedium owner told about these uplinks */
    private readonly owner: number,
  ) {
    const { s, fleet } = ctx.world;
    this.draws = new Uint32Array(fleet.count);
    this.intervalUs = (s.traffic.uplinkIntervalS > 0 ? s.traffic.uplinkIntervalS : POLL_INTERVAL_S) * 1e6;
    this.answerDelayUs = s.setup.answerDelayS * 1e6;
  }

  /** A uniform in (0, 1) for device d's own random choices (answer delays, retry times). */
  uniform(d: number): number {
    return uniform(this.ctx.world.s.seed, Purpose.answerDelay, d, this.draws[d]++);
  }

  /** Device d sends uplink `code` after `delayUs` plus jitter, when its duty cycle allows. */
  send(d: number, code: number, delayUs = this.answerDelayUs, jitter = true): void {
    const jitterUs = jitter ? Math.floor(this.uniform(d) * ANSWER_JITTER_US) : 0;
    this.pendingSends++;
    this.timers.at(this.ctx.kernel.now + delayUs + jitterUs, Timer.deviceSend, code, d);
  }

  /** Timer.deviceSend: the device sends now, or when its duty cycle allows. */
  sendDue(d: number, code: number): void {
    const now = this.ctx.kernel.now;
    const freeUs = this.medium.freeAtUs(d);
    if (now < freeUs) {
      this.timers.at(freeUs, Timer.deviceSend, code, d);
      return;
    }
    this.pendingSends--;
    this.hooks!.sent(d, code, this.transmit(d, code));
  }

  /** The owner was told an uplink ended. */
  ended(): void {
    this.inFlight--;
  }

  /** Device d transmits campaign uplink `code` now; returns its end, µs. */
  private transmit(d: number, code: number): number {
    const now = this.ctx.kernel.now;
    const phyBytes = msgPhyBytes(code, this.ctx.world.s);
    this.inFlight++;
    this.medium.send(d, phyBytes, msgKind(code), this.owner, code, code);
    return now + this.medium.airtimeUs(d, phyBytes);
  }

  /** Polls for devices without background traffic, from `fromUs`. */
  startPolls(fromUs: number): void {
    const { s, fleet } = this.ctx.world;
    if (s.traffic.uplinkIntervalS > 0) return;
    for (let d = 0; d < fleet.count; d++) {
      this.timers.at(fromUs + Math.floor(uniform(s.seed, Purpose.uplinkPhase, d, 0x40000000) * this.intervalUs), Timer.poll, 0, d);
    }
  }

  /** Timer.poll: a device without background traffic polls when the campaign has work for it. */
  pollDue(d: number): void {
    if (this.hooks!.wantsUplink(d) && this.ctx.kernel.now >= this.medium.freeAtUs(d)) this.transmit(d, Msg.EmptyUplink);
    this.timers.at(this.ctx.kernel.now + this.intervalUs, Timer.poll, 0, d);
  }
}
