/**
 * Multicast distribution: the server releases fragments N = 1..M+R every `fragmentIntervalMs`; in
 * class C each gateway of the group sends every fragment (successive gateways
 * `transmissionIntervalMs` apart) as soon as its radio is free and its duty-cycle ledger allows; in
 * class B all gateways of the group send each frame in the same ping slot of the group, as
 * ChirpStack schedules it (classb-schedule.ts). When a frame ends, every member device that was
 * listening receives or loses it (reception.ts) and feeds its TS004 decoder.
 *
 * The same queues carry the campaign's other multicast frames: repair rounds (more coded fragments,
 * N beyond M + R, released at the same pace, `extend`) and FragSessionStatusReq (queued as N = 0).
 */
import { lorawanDownlinkAirtimeUs } from '../radio/airtime.js';
import { TS004_BYTES, dataFramePhyBytes } from '../lorawan/frames.js';
import { Ev } from './events.js';
import type { RunContext } from './context.js';
import { FrameReceiver } from './reception.js';
import { ClassBLockstep } from './classb-schedule.js';
import type { FragmentSink } from './decoders.js';

const RING = 256; // frames in flight / recent frames kept for the overlap check

export type FrameKind = 'fragment' | 'repair';

export class Distribution {
  private readonly queues: Array<{ n: number[]; readyUs: number[]; head: number }>;
  private readonly tryAt: Float64Array;
  /** per gateway: when the queue head could have gone out but for the duty cycle (NaN: not yet known) */
  private readonly headNoDcUs: Float64Array;
  /** frame ring: start, end, gateway, fragment N */
  readonly fStart = new Float64Array(RING);
  readonly fEnd = new Float64Array(RING);
  readonly fGw = new Int32Array(RING);
  readonly fN = new Int32Array(RING);
  readonly fRepair = new Uint8Array(RING);
  readonly fAirId = new Int32Array(RING);
  nextFrameId = 0;
  framesInFlight = 0;
  /** end of the last frame carrying one of the first M + R fragments, µs */
  lastFrameEndUs = -Infinity;
  firstFrameStartUs = Infinity;
  /** TS004 N that were sent at least once */
  private readonly sentOnce: Uint8Array;
  distinctSent = 0;
  repairFramesSent = 0;
  private released = 0;
  /** last N to release (M + R, then raised by repair rounds) */
  private lastN: number;
  readonly receiver: FrameReceiver;
  /** class B: the group's frames in lockstep (null in class C) */
  readonly lockstep: ClassBLockstep | null;
  /** FragSessionStatusReq frame: PHYPayload and airtime, µs */
  readonly statusPhyBytes: number;
  readonly statusAirtimeUs: number;
  /** told when every frame ends, after its delivery (N = 0: a status request) */
  onFrameDone: ((n: number, endUs: number) => void) | null = null;
  /** told when N was sent the first time */
  onFirstSend: ((n: number) => void) | null = null;

  constructor(
    private readonly ctx: RunContext,
    decoders: FragmentSink,
    private readonly totalFragments: number,
    /** class B: every ping-slot start of the group in the session, sorted, µs */
    slots: Float64Array | null,
  ) {
    const g = ctx.world.groupGateways.length;
    this.queues = Array.from({ length: g }, () => ({ n: [], readyUs: [], head: 0 }));
    this.tryAt = new Float64Array(g).fill(-1);
    this.headNoDcUs = new Float64Array(g).fill(NaN);
    this.sentOnce = new Uint8Array(16384);
    this.lastN = totalFragments;
    const { radio } = ctx.world;
    this.statusPhyBytes = dataFramePhyBytes(TS004_BYTES.FragSessionStatusReq);
    this.statusAirtimeUs = lorawanDownlinkAirtimeUs(radio.sf, radio.bwHz, this.statusPhyBytes);
    this.receiver = new FrameReceiver(ctx, decoders, this);
    const airtimeUs = (n: number): number => (n === 0 ? this.statusAirtimeUs : radio.fragmentAirtimeUs);
    this.lockstep = slots && new ClassBLockstep(ctx, slots, airtimeUs, (j, n, repair, now, readyUs) => this.send(j, n, repair, now, readyUs));
  }

  /** Schedules the release of fragment 1 at `firstUs`; each release schedules the next. */
  start(firstUs: number): void {
    if (this.totalFragments > 0) this.ctx.kernel.at(firstUs, Ev.release, 1);
  }

  /** Queues extra fragments (repair round) for every gateway of the group, released now. */
  enqueue(ns: readonly number[], repair: boolean): void {
    const k = this.ctx.kernel;
    for (const n of ns) this.queueFragment(n, k.now, repair);
  }

  /** Repair round: releases N = (last released + 1)..lastN from now, at the fragment interval. */
  extend(lastN: number): void {
    if (lastN <= this.lastN) return;
    const next = this.lastN + 1;
    this.lastN = lastN;
    if (this.released === next - 1) this.ctx.kernel.at(this.ctx.kernel.now, Ev.release, next);
  }

  /** Queues a FragSessionStatusReq for every gateway of the group, now. */
  queueStatus(): void {
    this.queueFragment(0, this.ctx.kernel.now, false);
  }

  /** Ev.release: fragment `n` goes to every group gateway's queue. */
  onRelease(n: number): void {
    const { kernel, world } = this.ctx;
    this.released = n;
    this.queueFragment(n, kernel.now, n > this.totalFragments);
    if (n < this.lastN) kernel.after(world.s.fuotaTask.fragmentIntervalMs * 1000, Ev.release, n + 1);
  }

  get allReleased(): boolean {
    return this.released >= this.lastN;
  }

  get idle(): boolean {
    return this.allReleased && this.framesInFlight === 0 && this.queues.every((q) => q.head >= q.n.length) && !this.lockstep?.pending;
  }

  private queueFragment(n: number, nowUs: number, repair: boolean): void {
    if (this.lockstep) return this.lockstep.enqueue(repair ? -n : n, nowUs);
    const stagger = this.ctx.world.s.multicastGroup.transmissionIntervalMs * 1000;
    this.queues.forEach((q, j) => {
      q.n.push(repair ? -n : n);
      q.readyUs.push(nowUs + j * stagger);
      this.scheduleTry(j, nowUs + j * stagger);
    });
  }

  private scheduleTry(j: number, tUs: number): void {
    const at = this.tryAt[j];
    if (at >= 0 && at <= tUs) return; // an earlier attempt will look at the queue
    this.tryAt[j] = tUs;
    this.ctx.kernel.at(Math.max(tUs, this.ctx.kernel.now), Ev.gatewayTry, j);
  }

  /** Ev.gatewayTry for group gateway j. */
  onGatewayTry(j: number): void {
    const { kernel, world, gateways, sessionEndUs } = this.ctx;
    const now = kernel.now;
    if (this.tryAt[j] !== now) return; // superseded by an earlier attempt
    this.tryAt[j] = -1;
    const q = this.queues[j];
    if (q.head >= q.n.length) return;
    if (q.readyUs[q.head] > now) return this.scheduleTry(j, q.readyUs[q.head]);
    const gw = gateways[world.groupGateways[j]];
    const freqHz = world.radio.freqHz;
    const air = q.n[q.head] === 0 ? this.statusAirtimeUs : world.radio.fragmentAirtimeUs;
    const start = gw.earliestStartUs(now, freqHz, air);
    // the same frame without a duty-cycle limit: radio free
    if (Number.isNaN(this.headNoDcUs[j])) this.headNoDcUs[j] = Math.max(now, gw.busyUntilUs);
    if (start + air > sessionEndUs) {
      q.head = q.n.length; // the session is over: the gateway drops what is left
      this.headNoDcUs[j] = NaN;
      return;
    }
    if (start > now) return this.scheduleTry(j, start);
    const signedN = q.n[q.head];
    const readyUs = Math.min(now, this.headNoDcUs[j]);
    this.headNoDcUs[j] = NaN;
    q.head++;
    this.send(j, signedN < 0 ? -signedN : signedN, signedN < 0, now, readyUs);
    if (q.head < q.n.length) this.scheduleTry(j, now + air);
  }

  private send(j: number, n: number, repair: boolean, now: number, readyUs: number): void {
    const { world, gateways, txlog, kernel } = this.ctx;
    const { radio } = world;
    const g = world.groupGateways[j];
    const status = n === 0;
    const air = status ? this.statusAirtimeUs : radio.fragmentAirtimeUs;
    // copies of fragment n (and of the status request, n = 0) from every gateway share a content key
    const airId = gateways[g].transmit(now, air, radio.freqHz, readyUs, radio.sf, n);
    if (status) txlog.add(now, air, g, 'status', radio.freqHz, radio.dr, radio.sf, radio.bwHz, this.statusPhyBytes);
    else txlog.add(now, air, g, repair ? 'repair' : 'fragment', radio.freqHz, radio.dr, radio.sf, radio.bwHz, radio.fragmentPhyBytes, n);
    const id = this.nextFrameId++;
    const k = id % RING;
    this.fStart[k] = now;
    this.fEnd[k] = now + air;
    this.fGw[k] = g;
    this.fN[k] = n;
    this.fRepair[k] = repair ? 1 : 0;
    this.fAirId[k] = airId;
    this.framesInFlight++;
    if (!status && !this.sentOnce[n]) {
      this.sentOnce[n] = 1;
      this.distinctSent++;
      if (this.onFirstSend) this.onFirstSend(n);
    }
    if (repair) this.repairFramesSent++;
    if (now < this.firstFrameStartUs) this.firstFrameStartUs = now;
    kernel.at(now + air, Ev.frameEnd, id);
  }

  /** Ev.frameEnd */
  onFrameEnd(id: number): void {
    this.framesInFlight--;
    const k = id % RING;
    const n = this.fN[k];
    if (n >= 1 && n <= this.totalFragments && this.fEnd[k] > this.lastFrameEndUs) this.lastFrameEndUs = this.fEnd[k];
    this.receiver.deliver(k);
    if (this.onFrameDone) this.onFrameDone(n, this.fEnd[k]);
  }
}
