/**
 * Class B multicast in lockstep: one ping slot per frame for every gateway of the group, as
 * ChirpStack v4 schedules a class B multicast group.
 *
 * ChirpStack (`chirpstack/src/storage/multicast.rs`, `enqueue`, group type "B") gives each queue
 * item ONE emission time, the group's next ping slot after the latest slot already queued
 * (`classb::get_next_ping_slot_after`), and writes that same GPS time into the copy of every gateway
 * of the group; the gateways send it GPS-timed (`downlink/multicast.rs`, `GpsEpochTimingInfo`). So
 * all gateways send the same frame in the same slot (simulcast), frames go out in queue order, one
 * per slot. A gateway that cannot send at that time answers the downlink with an error TX ack
 * (COLLISION_BEACON, DUTY_CYCLE_OVERFLOW, …); ChirpStack then deletes that gateway's queue item
 * (`downlink/tx_ack.rs`, `delete_multicast_group_queue_item` on error): the copy is not sent later.
 *
 * Here: a frame takes the earliest slot of the group at or after its release and after the previous
 * frame's slot in which at least one group gateway can send it (radio free, duty-cycle ledger,
 * beacons first: `GatewayRadio.earliestStartUs`); every group gateway that can send in that slot
 * sends it there, the others skip that copy (`copiesSkipped`). Waiting for a slot in which some
 * gateway has duty cycle left is the one step beyond ChirpStack, which does not look at gateway
 * duty cycle when it books the slot (it would lose the frame at every gateway instead).
 *
 * Duty-cycle wait (results `dutyCycleWaitS`): each copy sent counts the time from the slot it would
 * have had without any duty-cycle limit (first slot at which its gateway's radio was free) to the
 * slot it was sent in; a skipped copy counts nothing. docs/models/class-b.md, "Lockstep".
 */
import type { RunContext } from './context.js';
import { lowerBound } from '../engine/sorted.js';
import { Ev } from './events.js';
import type { GatewayRadio } from './gateway.js';

/** Sends group gateway j's copy of frame n now; readyUs: when it could have gone without the duty cycle. */
export type SendCopy = (j: number, n: number, repair: boolean, nowUs: number, readyUs: number) => void;

export class ClassBLockstep {
  /** queued frames: TS004 N (0: status request; negative: repair fragment) and release time */
  private readonly n: number[] = [];
  private readonly readyUs: number[] = [];
  private head = 0;
  private tryAtUs = -1;
  /** slot of the last frame sent: the next frame goes in a later slot */
  private lastSlotUs = -Infinity;
  /** per group gateway: earliest slot for the head frame in this try (Infinity: none up to the best) */
  private readonly slotUs: Float64Array;
  /** per group gateway: the head frame's slot without the duty cycle (NaN: not known yet) */
  private readonly noDcUs: Float64Array;
  /** slots that carried a frame */
  slotsUsed = 0;
  /** copies not sent: the gateway could not send in the frame's slot (busy, duty cycle, beacon) */
  copiesSkipped = 0;

  constructor(
    private readonly ctx: RunContext,
    /** every ping-slot start of the group in the session, ascending, µs */
    private readonly slots: Float64Array,
    private readonly airtimeUs: (n: number) => number,
    private readonly send: SendCopy,
  ) {
    const g = ctx.world.groupGateways.length;
    this.slotUs = new Float64Array(g);
    this.noDcUs = new Float64Array(g).fill(NaN);
  }

  /** Frames still queued. */
  get pending(): boolean {
    return this.head < this.n.length;
  }

  /** Queues frame n (signed: negative for a repair fragment) for the whole group, released at nowUs. */
  enqueue(signedN: number, nowUs: number): void {
    this.n.push(signedN);
    this.readyUs.push(nowUs);
    this.scheduleTry(nowUs);
  }

  private scheduleTry(tUs: number): void {
    const at = this.tryAtUs;
    if (at >= 0 && at <= tUs) return; // an earlier attempt will look at the queue
    this.tryAtUs = tUs;
    this.ctx.kernel.at(Math.max(tUs, this.ctx.kernel.now), Ev.slotTry, 0);
  }

  /** Ev.slotTry: the head frame goes out now from every gateway that can send it, or waits for its slot. */
  onTry(): void {
    const { kernel, world, gateways, sessionEndUs } = this.ctx;
    const now = kernel.now;
    if (this.tryAtUs !== now) return; // superseded by an earlier attempt
    this.tryAtUs = -1;
    if (this.head >= this.n.length) return;
    if (this.readyUs[this.head] > now) return this.scheduleTry(this.readyUs[this.head]);
    const signedN = this.n[this.head];
    const n = signedN < 0 ? -signedN : signedN;
    const air = this.airtimeUs(n);
    const freqHz = world.radio.freqHz;
    const from = Math.max(now, this.lastSlotUs + 1);
    const group = world.groupGateways;
    if (Number.isNaN(this.noDcUs[0])) {
      // the slot each gateway would have had without a duty-cycle limit: its radio free
      for (let j = 0; j < group.length; j++) this.noDcUs[j] = this.slotAtOrAfter(Math.max(from, gateways[group[j]].busyUntilUs));
    }
    let best = Infinity;
    for (let j = 0; j < group.length; j++) {
      this.slotUs[j] = this.usableSlot(gateways[group[j]], from, freqHz, air, best);
      if (this.slotUs[j] < best) best = this.slotUs[j];
    }
    if (!(best + air <= sessionEndUs)) {
      this.head = this.n.length; // the session is over: what is left is not sent
      return;
    }
    if (best > now) return this.scheduleTry(best);
    for (let j = 0; j < group.length; j++) {
      if (this.slotUs[j] === now) this.send(j, n, signedN < 0, now, Math.min(now, this.noDcUs[j]));
      else this.copiesSkipped++;
    }
    this.noDcUs.fill(NaN);
    this.slotsUsed++;
    this.lastSlotUs = now;
    this.head++;
    if (this.head < this.n.length) this.scheduleTry(Math.max(now, this.readyUs[this.head]));
  }

  /** First slot >= tUs (Infinity when the session has none left). */
  private slotAtOrAfter(tUs: number): number {
    const i = lowerBound(this.slots, tUs);
    return i < this.slots.length ? this.slots[i] : Infinity;
  }

  /**
   * Earliest slot >= tUs, and not later than limitUs, in which the gateway may start the frame: radio
   * free, ledger within its duty cycle, the next beacon neither overlapped nor left without its duty
   * cycle (gateway.ts). Infinity when there is none up to the limit.
   */
  private usableSlot(gw: GatewayRadio, tUs: number, freqHz: number, airUs: number, limitUs: number): number {
    const slots = this.slots;
    let i = lowerBound(slots, tUs);
    while (i < slots.length && slots[i] <= limitUs) {
      const s = slots[i];
      const e = gw.earliestStartUs(s, freqHz, airUs);
      if (e === s) return s;
      i = lowerBound(slots, e);
    }
    return Infinity;
  }
}
