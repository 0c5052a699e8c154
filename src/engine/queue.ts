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
 * A ring bucket keeps its events in chunks of CHUNK_EVENTS, side by side within a chunk, the
 * bucket's chunks chained; the chunks live in one pool and go back to its free list when their
 * bucket is moved into `near`. Moving a bucket reads memory in order but for one link per chunk,
 * and nothing is allocated while the pool has free chunks. (Events chained one by one through a
 * pool made each move a chain of dependent memory reads, a cache miss per event: 2.5 s of the
 * 100 000-device campaign; an array per bucket, grown as needed and let go past 128 events, spent
 * 0.7 s growing them.)
 */
import { EventHeap } from './heap.js';

/** width of a bucket, µs (2^20: about a second) */
const BUCKET_US = 2 ** 20;
/** buckets of the ring after the current one (a power of two; about 71 min) */
const RING_BUCKETS = 4096;
/** numbers per event in a chunk: time, key, kind, a, b */
const STRIDE = 5;
/** events per chunk */
const CHUNK_EVENTS = 32;
/** numbers per chunk: its events, then the next chunk of its bucket (or of the free list), -1 for none */
const CHUNK = CHUNK_EVENTS * STRIDE + 1;
const NEXT = CHUNK - 1;

export class EventQueue {
  private readonly near: EventHeap;
  private readonly overflow = new EventHeap(64);
  /** the current bucket (time / BUCKET_US, rounded down): `near` holds every event before its end */
  private current = 0;
  private horizon = BUCKET_US;
  /** per ring slot (bucket mod RING_BUCKETS): its first and last chunk (-1: none) and the last chunk's events */
  private readonly firstChunk = new Int32Array(RING_BUCKETS).fill(-1);
  private readonly lastChunk = new Int32Array(RING_BUCKETS).fill(-1);
  private readonly lastCount = new Int32Array(RING_BUCKETS);
  /** the chunks, CHUNK numbers each */
  private pool = new Float64Array(64 * CHUNK);
  private freeChunk = -1;
  private usedChunks = 0;
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
    let chunk = this.lastChunk[slot];
    let count = this.lastCount[slot];
    if (chunk < 0 || count === CHUNK_EVENTS) {
      const fresh = this.takeChunk();
      if (chunk < 0) this.firstChunk[slot] = fresh;
      else this.pool[chunk * CHUNK + NEXT] = fresh;
      this.lastChunk[slot] = chunk = fresh;
      count = 0;
    }
    const p = this.pool;
    const at = chunk * CHUNK + count * STRIDE;
    p[at] = time;
    p[at + 1] = key;
    p[at + 2] = kind;
    p[at + 3] = a;
    p[at + 4] = b;
    this.lastCount[slot] = count + 1;
    this.ringCount++;
  }

  /** A chunk from the free list (the pool doubles when none is free), its link cleared. */
  private takeChunk(): number {
    let c = this.freeChunk;
    if (c >= 0) this.freeChunk = this.pool[c * CHUNK + NEXT];
    else {
      if ((this.usedChunks + 1) * CHUNK > this.pool.length) {
        const pool = new Float64Array(this.pool.length * 2);
        pool.set(this.pool);
        this.pool = pool;
      }
      c = this.usedChunks++;
    }
    this.pool[c * CHUNK + NEXT] = -1;
    return c;
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
      const last = this.lastChunk[slot];
      let chunk = this.firstChunk[slot];
      while (chunk >= 0) {
        const base = chunk * CHUNK;
        const count = chunk === last ? this.lastCount[slot] : CHUNK_EVENTS;
        for (let at = base; at < base + count * STRIDE; at += STRIDE) this.near.push(p[at], p[at + 1], p[at + 2], p[at + 3], p[at + 4]);
        this.ringCount -= count;
        const next = p[base + NEXT];
        p[base + NEXT] = this.freeChunk;
        this.freeChunk = chunk;
        chunk = next;
      }
      this.firstChunk[slot] = -1;
      this.lastChunk[slot] = -1;
      this.lastCount[slot] = 0;
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

}
