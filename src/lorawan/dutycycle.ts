/**
 * Duty-cycle ledgers: one per gateway × sub-band.
 *
 * Two models (lorawan-facts.md 2.5; ETSI EN 300 220 one-hour observation period):
 * - `sliding-window` (default): the airtime in ANY window [t, t + W) never exceeds dc · W (W = 1 h).
 * - `off-time`: after each frame the band stays silent for ToA · (1/dc − 1) (the classic LoRaMac
 *   rule used by FUOTASim and many gateways).
 *
 * A ledger models one transmitter: frames are recorded in start order and never overlap, and
 * `earliestStartUs` never proposes a start before the end of the last recorded frame.
 *
 * Sliding window, why the check is cheap: with every recorded frame ending before the new frame
 * starts at s, the fullest window containing the new frame [s, s + A) is the one ending at s + A
 * (moving the window's end inside the new frame adds airtime at rate 1 and can lose past airtime at
 * rate at most 1). So the rule holds iff past airtime in [s + A − W, s) ≤ dc·W − A, a condition that
 * only gets easier as s grows; its smallest solution is found by binary search over prefix sums.
 * Memory: frames that ended more than W before the last frame's end are dropped.
 */

/** The two ledger models above (scenario field gateways.dutyCycle). */
export type DutyCycleModel = 'sliding-window' | 'off-time';

export const ETSI_OBSERVATION_WINDOW_US = 3_600_000_000;

export interface DutyCycleLedgerOptions {
  model: DutyCycleModel;
  /** allowed share of time, 0 < dc ≤ 1 (1 = no limit) */
  dutyCycle: number;
  /** observation window for `sliding-window`, µs; default 1 h */
  windowUs?: number;
}

/** Rounds values within 1e-9 of an integer to it, so that 0.1 · 3.6e9 and 1/0.1 stay exact. */
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : x;
}

/** answers remembered by a sliding-window ledger between two records */
const MEMO = 4;

export class DutyCycleLedger {
  readonly model: DutyCycleModel;
  readonly dutyCycle: number;
  readonly windowUs: number;
  /** airtime allowed in one window, µs (sliding-window) */
  readonly capUs: number;
  /** 1/dc − 1, the off-time factor */
  private readonly offFactor: number;
  private total = 0;
  private lastEndUs = -Infinity;
  /** off-time: earliest start allowed by the off-times of recorded frames */
  private offTimeFreeUs = -Infinity;
  // sliding window: live frames in [head, n) of these arrays (grown by doubling, compacted)
  private startUs: Float64Array = new Float64Array(64);
  private endUs: Float64Array = new Float64Array(64);
  /** cum[i] = total airtime recorded before frame i (since the ledger was created) */
  private cumUs: Float64Array = new Float64Array(64);
  private head = 0;
  private n = 0;
  /**
   * sliding window: the last answers, as airtime → earliest start at any nowUs (the answer is
   * max(nowUs, that), the rest depending on the held frames alone), forgotten at each record; a
   * gateway asks again and again while it waits for its duty cycle
   */
  private readonly memoAirUs = new Float64Array(MEMO).fill(NaN);
  private readonly memoFromUs = new Float64Array(MEMO);
  private memoNext = 0;

  constructor(opts: DutyCycleLedgerOptions) {
    if (opts.model !== 'sliding-window' && opts.model !== 'off-time') throw new RangeError(`unknown duty-cycle model ${String(opts.model)}`);
    if (!(opts.dutyCycle > 0 && opts.dutyCycle <= 1)) throw new RangeError(`dutyCycle must be in (0, 1], got ${opts.dutyCycle}`);
    const windowUs = opts.windowUs ?? ETSI_OBSERVATION_WINDOW_US;
    if (!(windowUs > 0 && Number.isFinite(windowUs))) throw new RangeError(`windowUs must be positive, got ${windowUs}`);
    this.model = opts.model;
    this.dutyCycle = opts.dutyCycle;
    this.windowUs = windowUs;
    this.capUs = snap(opts.dutyCycle * windowUs);
    this.offFactor = snap(1 / opts.dutyCycle) - 1;
  }

  /** total airtime ever recorded, µs */
  get totalAirtimeUs(): number {
    return this.total;
  }

  /** frames currently held (sliding-window memory), for tests and diagnostics */
  get heldFrames(): number {
    return this.n - this.head;
  }

  /**
   * Earliest start ≥ max(nowUs, end of the last recorded frame) at which a frame of `airtimeUs` may
   * start without breaking the rule. `Infinity` when the frame alone exceeds the sliding-window cap.
   */
  earliestStartUs(nowUs: number, airtimeUs: number): number {
    const s0 = Math.max(nowUs, this.lastEndUs);
    if (this.dutyCycle >= 1) return s0;
    if (this.model === 'off-time') return Math.max(s0, this.offTimeFreeUs);
    for (let k = 0; k < MEMO; k++) if (this.memoAirUs[k] === airtimeUs) return Math.max(nowUs, this.memoFromUs[k]);
    const fromUs = this.slidingFromUs(airtimeUs);
    const k = this.memoNext;
    this.memoNext = (k + 1) % MEMO;
    this.memoAirUs[k] = airtimeUs;
    this.memoFromUs[k] = fromUs;
    // max(nowUs, max(lastEnd, edge)) = max(max(nowUs, lastEnd), edge): the same number either way
    return Math.max(nowUs, fromUs);
  }

  /** Sliding window: earliest start of a frame of `airtimeUs` whatever the time asked (Infinity: never). */
  private slidingFromUs(airtimeUs: number): number {
    const budget = this.capUs - airtimeUs; // past airtime allowed in [s + A − W, s)
    if (budget < 0) return Infinity;
    const heldTotal = this.cumTotal() - this.cumUs[this.head];
    if (heldTotal <= budget) return this.lastEndUs;
    // largest i with suffix(i) = cumTotal − cum[i] > budget: the frame where the window edge must sit
    const target = this.cumTotal() - budget;
    let lo = this.head;
    let hi = this.n - 1; // invariant: cum[lo] < target (suffix(head) = heldTotal > budget)
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cumUs[mid] < target) lo = mid;
      else hi = mid - 1;
    }
    const suffixAfter = this.cumTotal() - this.cumUs[lo] - (this.endUs[lo] - this.startUs[lo]);
    const edgeUs = this.endUs[lo] - (budget - suffixAfter); // past airtime after edge = budget
    return Math.max(this.lastEndUs, Math.ceil(edgeUs + this.windowUs - airtimeUs));
  }

  /** Records a frame. Frames must come in start order and must not overlap. */
  record(startUs: number, airtimeUs: number): void {
    if (!(airtimeUs >= 0)) throw new RangeError(`airtimeUs must be ≥ 0, got ${airtimeUs}`);
    if (startUs < this.lastEndUs) {
      throw new RangeError(`frame at ${startUs} µs starts before the previous frame ends (${this.lastEndUs} µs)`);
    }
    const endUs = startUs + airtimeUs;
    this.total += airtimeUs;
    this.lastEndUs = endUs;
    if (this.dutyCycle >= 1) return;
    if (this.model === 'off-time') {
      const off = Number.isInteger(this.offFactor) ? airtimeUs * this.offFactor : Math.ceil(airtimeUs * this.offFactor);
      this.offTimeFreeUs = Math.max(this.offTimeFreeUs, endUs + off);
      return;
    }
    this.memoAirUs.fill(NaN);
    this.dropBefore(endUs - this.windowUs);
    if (this.n === this.startUs.length) this.grow();
    const i = this.n++;
    this.startUs[i] = startUs;
    this.endUs[i] = endUs;
    this.cumUs[i] = i === 0 ? 0 : this.cumUs[i - 1] + (this.endUs[i - 1] - this.startUs[i - 1]);
  }

  /** cumulative airtime including the last held frame */
  private cumTotal(): number {
    const last = this.n - 1;
    return last < 0 ? 0 : this.cumUs[last] + (this.endUs[last] - this.startUs[last]);
  }

  /** drops held frames that end at or before `limitUs` (they can no longer share a window with a new frame) */
  private dropBefore(limitUs: number): void {
    while (this.head < this.n && this.endUs[this.head] <= limitUs) this.head++;
  }

  private grow(): void {
    const live = this.n - this.head;
    const capacity = live * 2 > this.startUs.length ? this.startUs.length * 2 : this.startUs.length;
    const move = (a: Float64Array): Float64Array => {
      const b = capacity === a.length ? a : new Float64Array(capacity);
      b.set(a.subarray(this.head, this.n), 0); // same-buffer set copies as if through a temporary
      return b;
    };
    this.startUs = move(this.startUs);
    this.endUs = move(this.endUs);
    this.cumUs = move(this.cumUs);
    this.n = live;
    this.head = 0;
  }
}

/**
 * The highest share of airtime over any window of `windowUs` (the `maxDutyCycle` metric of
 * results.md). Frames are given as parallel arrays of starts and airtimes (any order); overlapping
 * frames count once (band occupancy). Exact: the maximum of this piecewise-linear function is at a
 * window starting at a frame start or ending at a frame end. O(n log n).
 */
export function maxWindowShare(startsUs: Float64Array, airtimesUs: Float64Array, count: number, windowUs: number): number {
  if (!(windowUs > 0)) throw new RangeError(`windowUs must be positive, got ${windowUs}`);
  if (count <= 0) return 0;
  // merge into sorted, disjoint intervals
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => startsUs[a] - startsUs[b]);
  const s = new Float64Array(count);
  const e = new Float64Array(count);
  let m = 0;
  for (const i of order) {
    const a = startsUs[i];
    const b = a + airtimesUs[i];
    if (m > 0 && a <= e[m - 1]) e[m - 1] = Math.max(e[m - 1], b);
    else {
      s[m] = a;
      e[m] = b;
      m++;
    }
  }
  const cum = new Float64Array(m + 1); // cum[i] = occupied time of intervals 0..i-1
  for (let i = 0; i < m; i++) cum[i + 1] = cum[i] + (e[i] - s[i]);
  let best = 0;
  // windows [s_i, s_i + W)
  for (let i = 0, j = 0; i < m; i++) {
    const right = s[i] + windowUs;
    if (j < i) j = i;
    while (j + 1 < m && s[j + 1] < right) j++;
    const occupied = cum[j + 1] - cum[i] - Math.max(0, e[j] - right);
    if (occupied > best) best = occupied;
  }
  // windows [e_i − W, e_i)
  for (let i = 0, k = 0; i < m; i++) {
    const left = e[i] - windowUs;
    while (e[k] <= left) k++;
    const occupied = cum[i + 1] - cum[k] - Math.max(0, left - s[k]);
    if (occupied > best) best = occupied;
  }
  return best / windowUs;
}
