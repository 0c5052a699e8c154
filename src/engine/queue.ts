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
 * so `near`'s head is the earliest event: the order is the one a single heap gives, whatever order a
 * bucket's events are handed over in (keys are unique).
 *
 * Each ring bucket keeps its events side by side in an array of its own, appended to and read front
 * to back, kept for the bucket's next turn round the ring unless it grew past BUCKET_KEEP_EVENTS:
 * moving a bucket into `near` reads memory in order. (A pool of events chained through a free list made each move a chain of dependent
 * memory reads, one cache miss after the other: most of the queue's time on a national fleet.)
 */
import { EventHeap } from './heap.js';

/** width of a bucket, µs (2^20: about a second) */
const BUCKET_US = 2 ** 20;
/** buckets of the ring after the current one (a power of two; about 71 min) */
const RING_BUCKETS = 4096;
/** numbers per event in a bucket: time, key, kind, a, b */
const STRIDE = 5;
/** events a bucket has room for when first used (it doubles when full) */
const BUCKET_START_EVENTS = 8;
/**
 * room a bucket keeps once emptied, events: more is let go, so a burst (every device's step at one
 * moment, say) does not hold its memory for the rest of the run; at most 4096 × 128 events (20 MB)
 * are kept however large the fleet. (Letting go of room a bucket has but did not need this turn
 * made buckets grow again and again as their counts went up and down: 0.8 s of the 100 000-device
 * campaign.)
 */
const BUCKET_KEEP_EVENTS = 128;
const NO_EVENTS = new Float64Array(0);

export class EventQueue {
  private readonly near: EventHeap;
  private readonly overflow = new EventHeap(64);
  /** the current bucket (time / BUCKET_US, rounded down): `near` holds every event before its end */
  private current = 0;
  private horizon = BUCKET_US;
  /** per ring slot (bucket mod RING_BUCKETS): its events, STRIDE numbers each, and how many */
  private readonly buckets: Float64Array[] = Array.from({ length: RING_BUCKETS }, () => NO_EVENTS);
  private readonly bucketEvents = new Int32Array(RING_BUCKETS);
  /** events in the ring's buckets */
  private ringCount = 0;
  private n = 0;
  private seq = 0;

  /** Fields of the event returned by the last `pop()`. */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    this.near = new EventHeap(Math.max(16, initialCapacity));
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
    const slot = bucket & (RING_BUCKETS - 1);
    const count = this.bucketEvents[slot];
    let events = this.buckets[slot];
    if ((count + 1) * STRIDE > events.length) events = this.growBucket(slot);
    const at = count * STRIDE;
    events[at] = time;
    events[at + 1] = key;
    events[at + 2] = kind;
    events[at + 3] = a;
    events[at + 4] = b;
    this.bucketEvents[slot] = count + 1;
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
      const events = this.buckets[slot];
      const count = this.bucketEvents[slot];
      this.bucketEvents[slot] = 0;
      this.ringCount -= count;
      for (let at = 0; at < count * STRIDE; at += STRIDE) this.near.push(events[at], events[at + 1], events[at + 2], events[at + 3], events[at + 4]);
      if (events.length > STRIDE * BUCKET_KEEP_EVENTS) this.buckets[slot] = NO_EVENTS;
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

  /** Twice the room (BUCKET_START_EVENTS at first) for ring slot `slot`'s events, which it keeps. */
  private growBucket(slot: number): Float64Array {
    const old = this.buckets[slot];
    const events = new Float64Array(old.length === 0 ? BUCKET_START_EVENTS * STRIDE : old.length * 2);
    events.set(old);
    this.buckets[slot] = events;
    return events;
  }
}
