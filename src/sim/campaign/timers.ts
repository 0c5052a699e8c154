/**
 * The campaign's timers on the kernel (Ev.campaign events): device-side and server-side timers per
 * device (a new one replaces the armed one), phase timers, and the raw timers of the exchanges.
 * The event's `a` carries the timer type in its low byte and a small value above it; `b` a device
 * or an argument. Armed device/server timers and counted phase timers keep the campaign running.
 */
import { Priority } from '../../engine/kernel.js';
import type { RunContext } from '../context.js';
import { Ev } from '../events.js';

/** Timer types (low byte of the event's `a`). */
export const Timer = { deviceSend: 1, deviceTimer: 2, mailCheck: 3, poll: 4, phase: 5, serverTimer: 6 } as const;

/** Who is told when a timer fires. */
export interface TimerTargets {
  deviceSendDue(d: number, code: number): void;
  mailCheckDue(d: number, gen: number): void;
  pollDue(d: number): void;
  deviceTimer(d: number, kind: number): void;
  serverTimer(d: number, kind: number): void;
  phaseTimer(sub: number, arg: number): void;
}

const DEVICE = 1;
const SERVER = 2;

export class CampaignTimers {
  private readonly devGen: Int32Array;
  private readonly devKind: Uint8Array;
  private readonly srvGen: Int32Array;
  private readonly srvKind: Uint8Array;
  /** bit 1: a device timer is armed; bit 2: a server timer is armed */
  private readonly live: Uint8Array;
  /** armed device/server timers and counted phase timers not fired yet */
  liveTimers = 0;
  pendingPhaseTimers = 0;
  targets: TimerTargets | null = null;

  constructor(private readonly ctx: RunContext) {
    const n = ctx.world.fleet.count;
    this.devGen = new Int32Array(n);
    this.devKind = new Uint8Array(n);
    this.srvGen = new Int32Array(n);
    this.srvKind = new Uint8Array(n);
    this.live = new Uint8Array(n);
  }

  /** A raw timer: type, a value x (< 2^23), an argument b. */
  at(atUs: number, type: number, x: number, b: number, priority: number = Priority.normal): void {
    this.ctx.kernel.at(Math.max(atUs, this.ctx.kernel.now), Ev.campaign, type | (x << 8), b, priority);
  }

  /** A device-side timer: `deviceTimer(d, kind)` at atUs; it replaces the device's armed timer. */
  deviceTimer(d: number, kind: number, atUs: number): void {
    this.devKind[d] = kind;
    this.arm(d, DEVICE);
    this.at(atUs, Timer.deviceTimer, ++this.devGen[d] & 0x7fffff, d);
  }

  cancelDeviceTimer(d: number): void {
    this.devGen[d]++;
    this.disarm(d, DEVICE);
  }

  /** A server-side timer for device d, same rule. */
  serverTimer(d: number, kind: number, atUs: number): void {
    this.srvKind[d] = kind;
    this.arm(d, SERVER);
    this.at(atUs, Timer.serverTimer, ++this.srvGen[d] & 0x7fffff, d);
  }

  cancelServerTimer(d: number): void {
    this.srvGen[d]++;
    this.disarm(d, SERVER);
  }

  /** A campaign phase timer; `counted`: the campaign cannot end before it fires. */
  phaseTimer(sub: number, arg: number, atUs: number, counted = true): void {
    if (counted) this.pendingPhaseTimers++;
    this.at(atUs, Timer.phase, sub | (counted ? 0x80 : 0), arg, Priority.late);
  }

  private arm(d: number, bit: number): void {
    if ((this.live[d] & bit) === 0) this.liveTimers++;
    this.live[d] |= bit;
  }

  private disarm(d: number, bit: number): void {
    if ((this.live[d] & bit) !== 0) this.liveTimers--;
    this.live[d] &= ~bit;
  }

  /** Ev.campaign dispatch. */
  onEvent(a: number, b: number): void {
    const t = this.targets!;
    const x = a >>> 8;
    switch (a & 0xff) {
      case Timer.deviceSend: return t.deviceSendDue(b, x);
      case Timer.mailCheck: return t.mailCheckDue(b, x);
      case Timer.poll: return t.pollDue(b);
      case Timer.deviceTimer:
        if (x !== (this.devGen[b] & 0x7fffff)) return;
        this.disarm(b, DEVICE);
        return t.deviceTimer(b, this.devKind[b]);
      case Timer.serverTimer:
        if (x !== (this.srvGen[b] & 0x7fffff)) return;
        this.disarm(b, SERVER);
        return t.serverTimer(b, this.srvKind[b]);
      case Timer.phase:
        if (x & 0x80) this.pendingPhaseTimers--;
        return t.phaseTimer(x & 0x7f, b);
    }
  }
}
