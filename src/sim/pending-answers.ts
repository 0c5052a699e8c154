/**
 * The class A answers queued in receive windows (classa-downlink.ts), by slot: the number their
 * events carry. Typed arrays rather than an object per answer, since a national campaign queues
 * millions of them (setup commands, acknowledgements); a slot is taken from a free list, given back
 * when its answer is over, and the arrays double when every slot is taken, keeping every slot's
 * numbers.
 */
import type { TxKind } from './types.js';

/** a queued answer's stage: 1: RX1 opens, 2: RX2 opens, 3: the frame sent has ended */
export const STAGE_RX1 = 1;
export const STAGE_RX2 = 2;
export const STAGE_SENT = 3;

/** Struct of arrays indexed by slot; `gateways` holds G entries per slot. */
export class PendingAnswers {
  capacity = 0;
  /** per slot: 0 free, else the stage */
  stage: Uint8Array = new Uint8Array(0);
  d: Int32Array = new Int32Array(0);
  ulFreqHz: Float64Array = new Float64Array(0);
  ulChannel: Int32Array = new Int32Array(0);
  phyBytes: Int32Array = new Int32Array(0);
  kind: TxKind[] = [];
  owner: Int32Array = new Int32Array(0);
  arg: Float64Array = new Float64Array(0);
  /** campaign message and its argument, recorded for the frame capture */
  msg: Float64Array = new Float64Array(0);
  msgArg: Float64Array = new Float64Array(0);
  /** gateways that received the uplink, strongest first: gateways[slot * G ..][0 .. gatewayCount[slot]) */
  gateways: Int32Array = new Int32Array(0);
  gatewayCount: Int32Array = new Int32Array(0);
  // the frame sent (stage 3)
  g: Int32Array = new Int32Array(0);
  airId: Float64Array = new Float64Array(0);
  startUs: Float64Array = new Float64Array(0);
  freqHz: Float64Array = new Float64Array(0);
  dr: Int32Array = new Int32Array(0);
  private free: Int32Array = new Int32Array(0);
  private freeCount = 0;

  constructor(private readonly G: number) {
    this.grow(64);
  }

  /** Where slot's gateways start in `gateways`. */
  gatewaysFrom(slot: number): number {
    return slot * this.G;
  }

  /** Slots taken and not yet given back. */
  get live(): number {
    return this.capacity - this.freeCount;
  }

  /** A free slot (the lowest of those never taken, else the last given back). */
  take(): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    return this.free[--this.freeCount];
  }

  /** Gives slot back: its answer is over. */
  release(slot: number): void {
    this.stage[slot] = 0;
    this.free[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    const f64 = (a: Float64Array, n: number): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array, n: number): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const stage = new Uint8Array(capacity);
    stage.set(this.stage);
    this.stage = stage;
    this.d = i32(this.d, capacity);
    this.ulFreqHz = f64(this.ulFreqHz, capacity);
    this.ulChannel = i32(this.ulChannel, capacity);
    this.phyBytes = i32(this.phyBytes, capacity);
    this.kind.length = capacity;
    this.owner = i32(this.owner, capacity);
    this.arg = f64(this.arg, capacity);
    this.msg = f64(this.msg, capacity);
    this.msgArg = f64(this.msgArg, capacity);
    this.gateways = i32(this.gateways, capacity * this.G);
    this.gatewayCount = i32(this.gatewayCount, capacity);
    this.g = i32(this.g, capacity);
    this.airId = f64(this.airId, capacity);
    this.startUs = f64(this.startUs, capacity);
    this.freqHz = f64(this.freqHz, capacity);
    this.dr = i32(this.dr, capacity);
    // the new slots go on the free list, the lowest taken first
    const free = new Int32Array(capacity);
    free.set(this.free.subarray(0, this.freeCount));
    let k = this.freeCount;
    for (let slot = capacity - 1; slot >= old; slot--) free[k++] = slot;
    this.free = free;
    this.freeCount = k;
    this.capacity = capacity;
  }
}
