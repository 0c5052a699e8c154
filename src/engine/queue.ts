/**
 * Event queue: a binary min-heap on typed arrays, ordered by (time, priority, insertion sequence).
 *
 * Events carry an integer kind and two integer arguments; the simulator interprets them. Nothing is
 * allocated per event: `pop()` copies the head into the public fields `time`, `kind`, `a`, `b`.
 * Ties are broken first by priority (lower first), then FIFO by insertion sequence, so the order
 * is the same on every run (docs/design.md, "Event ordering").
 */
export class EventQueue {
  private times: Float64Array;
  private keys: Float64Array; // priority * 2^40 + sequence: one comparison for both tie-breakers
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private n = 0;
  private seq = 0;

  /** Fields of the event returned by the last `pop()`. */
  time = 0;
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

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** priority: 0..255, lower runs first among events at the same time. */
  push(time: number, kind: number, a = 0, b = 0, priority = 128): void {
    if (!(time >= 0) || !Number.isFinite(time)) throw new RangeError(`event time ${time} is not a finite time >= 0`);
    if (this.n === this.times.length) this.grow();
    const key = priority * 1099511627776 + this.seq++; // 2^40 sequences per run
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

  /** Removes the earliest event into `time/kind/a/b`; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.time = this.times[0];
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
    const grow64 = (x: Float64Array) => {
      const y = new Float64Array(c);
      y.set(x);
      return y;
    };
    const grow32 = (x: Int32Array) => {
      const y = new Int32Array(c);
      y.set(x);
      return y;
    };
    this.times = grow64(this.times);
    this.keys = grow64(this.keys);
    this.kinds = grow32(this.kinds);
    this.as = grow32(this.as);
    this.bs = grow32(this.bs);
  }
}
