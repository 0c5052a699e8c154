/**
 * Event queue ordered by (time, priority, insertion sequence), on typed arrays.
 *
 * Events carry an integer kind and two integer arguments; the simulator interprets them. Nothing is
 * allocated per event: `pop()` copies the head into the public fields `time`, `kind`, `a`, `b`.
 * Ties are broken first by priority (lower first), then FIFO by insertion sequence, so the order
 * is the same on every run (docs/design.md, "Event ordering").
 *
 * Two tiers, so that a national fleet's million pending events (each device's next uplink, up to
 * an hour ahead) do not make every event pay a sift through a heap far larger than the caches:
 * - `near`, a binary heap (heap.ts) of every event before `horizon`, the end of the current bucket
 *   of BUCKET_US; the events of the next second or so, a small heap;
 * - the later ones, unsorted in the bucket of their time: a ring of RING_BUCKETS buckets after the
 *   current one (about 71 min), and beyond it `overflow`, a heap they leave for their bucket when
 *   the ring reaches it.
 * When `near` is empty the current bucket moves on to the next one holding events, whose events go
 * into `near` with their keys. Every event before `horizon` is in `near` and every later one is not,
 * so `near`'s head is the earliest event: the order is the one a single heap gives.
 */
import { EventHeap } from './heap.js';

/** width of a bucket, µs (2^20: about a second) */
const BUCKET_US = 2 ** 20;
/** buckets of the ring after the current one (a power of two; about 71 min) */
const RING_BUCKETS = 4096;
/** numbers per event of the ring's pool */
const POOL_STRIDE = 6;

export class EventQueue {
  private readonly near: EventHeap;
  private readonly overflow = new EventHeap(64);
  /** the current bucket (time / BUCKET_US, rounded down): `near` holds every event before its end */
  private current = 0;
  private horizon = BUCKET_US;
  /** per ring slot (bucket mod RING_BUCKETS): its first event in the pool, -1 when empty */
  private readonly head = new Int32Array(RING_BUCKETS).fill(-1);
  /** events in the ring's buckets */
  private ringCount = 0;
  /**
   * the ring's events, POOL_STRIDE numbers each, side by side (one memory access per event, not six):
   * time, key, kind, a, b and the next event of the same bucket (or of the free list), -1 for none
   */
  private pool: Float64Array;
  private freeSlot = -1;
  private used = 0;
  private n = 0;
  private seq = 0;

  /** Fields of the event returned by the last `pop()`. */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.near = new EventHeap(c);
    this.pool = new Float64Array(c * POOL_STRIDE);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.near.size === 0 && !this.advance()) return Infinity;
    return this.near.peekTime();
  }

  /** priority: 0..255, lower runs first among events at the same time. */
  push(time: number, kind: number, a = 0, b = 0, priority = 128): void {
    if (!(time >= 0) || !Number.isFinite(time)) throw new RangeError(`event time ${time} is not a finite time >= 0`);
    const key = priority * 1099511627776 + this.seq++; // 2^40 sequences per run
    this.n++;
    this.place(time, key, kind, a, b);
  }

  /** Removes the earliest event into `time/kind/a/b`; returns false when empty. */
  pop(): boolean {
    if (this.near.size === 0 && !this.advance()) return false;
    const near = this.near;
    near.pop();
    this.n--;
    this.time = near.time;
    this.kind = near.kind;
    this.a = near.a;
    this.b = near.b;
    return true;
  }

  /** Puts an event in `near`, its ring bucket or `overflow`, by its time. */
  private place(time: number, key: number, kind: number, a: number, b: number): void {
    if (time < this.horizon) {
      this.near.push(time, key, kind, a, b);
      return;
    }
    const bucket = Math.floor(time / BUCKET_US);
    if (bucket - this.current >= RING_BUCKETS) {
      this.overflow.push(time, key, kind, a, b);
      return;
    }
    let s = this.freeSlot;
    if (s >= 0) this.freeSlot = this.pool[s * POOL_STRIDE + 5];
    else {
      if (this.used * POOL_STRIDE === this.pool.length) this.growPool();
      s = this.used++;
    }
    const slot = bucket & (RING_BUCKETS - 1);
    const p = this.pool;
    const at = s * POOL_STRIDE;
    p[at] = time;
    p[at + 1] = key;
    p[at + 2] = kind;
    p[at + 3] = a;
    p[at + 4] = b;
    p[at + 5] = this.head[slot];
    this.head[slot] = s;
    this.ringCount++;
  }

  /**
   * `near` is empty: moves the current bucket on to the next one holding events (straight to
   * overflow's earliest when the ring is empty) and moves that bucket's events, and the overflow
   * events the ring now reaches, to where they belong. Returns false when no event is left.
   */
  private advance(): boolean {
    while (this.near.size === 0) {
      if (this.ringCount === 0) {
        if (this.overflow.size === 0) return false;
        this.current = Math.max(this.current + 1, Math.floor(this.overflow.peekTime() / BUCKET_US));
      } else this.current++;
      this.horizon = (this.current + 1) * BUCKET_US;
      const slot = this.current & (RING_BUCKETS - 1);
      const p = this.pool;
      let s = this.head[slot];
      this.head[slot] = -1;
      while (s >= 0) {
        const at = s * POOL_STRIDE;
        const next = p[at + 5];
        this.near.push(p[at], p[at + 1], p[at + 2], p[at + 3], p[at + 4]);
        p[at + 5] = this.freeSlot;
        this.freeSlot = s;
        this.ringCount--;
        s = next;
      }
      // overflow events whose bucket the ring reaches now
      const end = (this.current + RING_BUCKETS) * BUCKET_US;
      const o = this.overflow;
      while (o.size > 0 && o.peekTime() < end) {
        o.pop();
        this.place(o.time, o.key, o.kind, o.a, o.b);
      }
    }
    return true;
  }

  private growPool(): void {
    const pool = new Float64Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
  }
}
