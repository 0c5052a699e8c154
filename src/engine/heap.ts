/**
 * A binary min-heap of events on typed arrays, ordered by (time, key): the key is the event
 * queue's tie-breaker (priority, then insertion sequence, queue.ts), given by the caller so that an
 * event keeps it when it moves from one heap to another. Nothing is allocated per event: `pop()`
 * copies the head into the public fields `time`, `key`, `kind`, `a`, `b`.
 */
export class EventHeap {
  private times: Float64Array;
  private keys: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private n = 0;

  /** Fields of the event removed by the last `pop()`. */
  time = 0;
  key = 0;
  kind = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.times = new Float64Array(c);
    this.keys = new Float64Array(c);
    this.kinds = new Int32Array(c);
    this.as = new Int32Array(c);
    this.bs = new Int32Array(c);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  push(time: number, key: number, kind: number, a: number, b: number): void {
    if (this.n === this.times.length) this.grow();
    let i = this.n++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p];
      if (pt < time || (pt === time && this.keys[p] < key)) break;
      this.move(p, i);
      i = p;
    }
    this.times[i] = time;
    this.keys[i] = key;
    this.kinds[i] = kind;
    this.as[i] = a;
    this.bs[i] = b;
  }

  /** Removes the earliest event into `time/key/kind/a/b`; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.time = this.times[0];
    this.key = this.keys[0];
    this.kind = this.kinds[0];
    this.a = this.as[0];
    this.b = this.bs[0];
    const last = --this.n;
    if (last > 0) {
      const t = this.times[last];
      const k = this.keys[last];
      let i = 0;
      // sift down the former last element
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let c = l;
        if (r < last && (this.times[r] < this.times[l] || (this.times[r] === this.times[l] && this.keys[r] < this.keys[l]))) c = r;
        if (this.times[c] > t || (this.times[c] === t && this.keys[c] > k)) break;
        this.move(c, i);
        i = c;
      }
      this.times[i] = t;
      this.keys[i] = k;
      this.kinds[i] = this.kinds[last];
      this.as[i] = this.as[last];
      this.bs[i] = this.bs[last];
    }
    return true;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.keys[to] = this.keys[from];
    this.kinds[to] = this.kinds[from];
    this.as[to] = this.as[from];
    this.bs[to] = this.bs[from];
  }

  private grow(): void {
    const c = this.times.length * 2;
    this.times = grow(this.times, new Float64Array(c));
    this.keys = grow(this.keys, new Float64Array(c));
    this.kinds = grow(this.kinds, new Int32Array(c));
    this.as = grow(this.as, new Int32Array(c));
    this.bs = grow(this.bs, new Int32Array(c));
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
