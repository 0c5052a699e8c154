/**
 * Gilbert–Elliott burst loss as a process in time (docs/models/reception.md).
 *
 * Each device has its own two-state continuous-time Markov chain: Good periods of mean `meanGapS`
 * and Bad bursts of mean `meanBurstS`, both exponential. A frame the device receives is lost with
 * probability lossGood or lossBad according to the state at the frame's end. Because the state is a
 * function of time, not of the frames the device happened to hear, class B (a frame per ping slot)
 * and class C (frames back to back) see the same bursts for the same numbers.
 *
 * Draws are counter-based: sojourn k of device d lasts −mean·ln(u(seed, burstStep, d, k + 1)); the
 * initial state is Bad iff u(seed, burstStep, d, 0) < πB, so the chain starts in its stationary law
 * at the device's first observation (exponential sojourns are memoryless, so starting there is
 * exact). Nothing depends on other devices or on the order devices are looked at; per device the
 * observations come in time order (the kernel's), and an earlier time is answered by replaying the
 * device's sojourns from its start. On a large fleet a second thread walks the sojourns ahead
 * (burst-ahead.ts); a look takes the sojourn it reached, which is the one its own walk would reach.
 */
import { hashA, hashKey, Purpose, uniform, uniformB } from '../engine/rng.js';
import { AHEAD_WORTH_US, newAheadShared, publishedSojourn, startDevice, type AheadShared } from './burst-ahead.js';
import type { BurstModel } from './types.js';

export const GE_GOOD = 0;
export const GE_BAD = 1;
export type GeState = 0 | 1;

/** Whether a frame is lost in `state`: u < lossBad in Bad, u < lossGood in Good. */
export function geLoss(state: number, u: number, lossGood: number, lossBad: number): boolean {
  return u < (state === GE_BAD ? lossBad : lossGood);
}

/** Long-run share of time in Bad: meanBurst / (meanBurst + meanGap). */
export function geStationaryBadProbability(meanBurstS: number, meanGapS: number): number {
  return meanBurstS / (meanBurstS + meanGapS);
}

/** Long-run loss probability of the model: πG·lossGood + πB·lossBad; 0 for model 'none'. */
export function geMeanLoss(model: BurstModel): number {
  if (model.model === 'none') return 0;
  const piBad = geStationaryBadProbability(model.meanBurstS, model.meanGapS);
  return (1 - piBad) * model.lossGood + piBad * model.lossBad;
}

/**
 * P(Bad at t + Δ | state at t) of the two-state chain with rates λ = 1/meanGap (Good→Bad) and
 * μ = 1/meanBurst (Bad→Good): πB + (1[Bad] − πB)·e^(−(λ+μ)Δ).
 */
export function geBadAfter(state: number, deltaS: number, meanBurstS: number, meanGapS: number): number {
  const piBad = geStationaryBadProbability(meanBurstS, meanGapS);
  const decay = Math.exp(-(1 / meanGapS + 1 / meanBurstS) * deltaS);
  return piBad + ((state === GE_BAD ? 1 : 0) - piBad) * decay;
}

/**
 * Per-device burst state over time, struct of arrays indexed by slot (the fleet's storage order,
 * sim/device-order.ts: slot i holds device deviceOf[i]; the draws are the device's); `stateAt` is
 * allocation-free.
 */
export class BurstProcess {
  private readonly meanGoodUs: number;
  private readonly meanBadUs: number;
  private readonly piBad: number;
  /** first observation (NaN: not started) and start of the current sojourn, µs */
  private readonly originUs: Float64Array;
  private readonly fromUs: Float64Array;
  /**
   * per slot: end of the current sojourn, µs (NaN: not started), and its state; read only, for a
   * caller that takes the state itself where `stateAt` would not walk (`lookingAt`)
   */
  readonly untilUs: Float64Array;
  readonly state: Uint8Array;
  /** index of the current sojourn */
  private readonly sojourn: Uint32Array;
  /** sojourns walked on this thread (the walk-ahead thread's are not counted) */
  steps = 0;
  /** looks that took the walk-ahead thread's sojourn (burst-ahead.ts) */
  takenAhead = 0;
  /** the walk-ahead thread's shared sojourns while it runs (burst-ahead.ts) */
  private ahead: AheadShared | null = null;
  /** a published sojourn being taken: [index, state, from, until] */
  private readonly taken = new Float64Array(4);
  /** the latest time any device's state was asked for */
  private latestUs = -Infinity;
  /** hashKey(seed, Purpose.burstStep): the draws' first rounds, once */
  private readonly key: number;

  constructor(
    count: number,
    private readonly seed: number,
    meanBurstS: number,
    meanGapS: number,
    /** slot → device (null: slot i is device i) */
    private readonly deviceOf: Int32Array | null = null,
  ) {
    if (!(meanBurstS > 0 && meanGapS > 0)) throw new RangeError(`mean burst and gap must be positive, got ${meanBurstS} s and ${meanGapS} s`);
    this.meanBadUs = meanBurstS * 1e6;
    this.meanGoodUs = meanGapS * 1e6;
    this.piBad = geStationaryBadProbability(meanBurstS, meanGapS);
    this.key = hashKey(seed, Purpose.burstStep);
    this.originUs = new Float64Array(count).fill(NaN);
    this.fromUs = new Float64Array(count).fill(Infinity); // not started: the first look restarts
    this.untilUs = new Float64Array(count).fill(NaN); // not started
    this.sojourn = new Uint32Array(count);
    this.state = new Uint8Array(count);
  }

  /**
   * Marks tUs as the first observation of the device in slot i if it has none yet (what the first
   * `stateAt` would fix), without working out the state. The state at any time is a function of that origin and the
   * time alone, so a caller that marks every look can ask `stateAt` only for the looks whose state it
   * needs and gets the same answers.
   */
  observe(i: number, tUs: number): void {
    if (this.originUs[i] !== this.originUs[i]) {
      this.originUs[i] = tUs;
      if (this.ahead !== null) startDevice(this.ahead, i, tUs);
    }
  }

  /**
   * Memory a walk-ahead thread shares with this process from now on (burst-ahead.ts), every device
   * observed so far already started in it; the thread is the caller's to run and stop.
   */
  walkAhead(): AheadShared {
    const a = newAheadShared(this.originUs.length, this.seed, this.key, this.meanBadUs, this.meanGoodUs, this.piBad, this.deviceOf);
    for (let i = 0; i < this.originUs.length; i++) if (this.originUs[i] === this.originUs[i]) startDevice(a, i, this.originUs[i]);
    this.ahead = a;
    return a;
  }

  /** No walk-ahead thread from now on: every look walks its own sojourns. */
  stopWalkingAhead(): void {
    this.ahead = null;
  }

  /**
   * Marks tUs as looked at, and says whether it is at or past every time asked so far. When it is,
   * the state of slot i at tUs is `state[i]` wherever tUs < untilUs[i] (NaN: false), exactly what
   * `stateAt(i, tUs)` answers there (its first branch) without its call: a caller asking many
   * devices at one time (a frame's end, reception.ts) reads those itself and calls `stateAt` for
   * the rest.
   */
  lookingAt(tUs: number): boolean {
    if (tUs < this.latestUs) return false;
    this.latestUs = tUs;
    return true;
  }

  /** State at time tUs of the device in slot i (Good 0, Bad 1). */
  stateAt(i: number, tUs: number): GeState {
    let until = this.untilUs[i];
    if (tUs >= this.latestUs && until === until) {
      // not a look back: a started device's sojourn starts at or before its last look, so at or
      // before latestUs, and a device whose last restart left fromUs above that still holds the
      // restart's state, which a restart would only rebuild; no need to read fromUs
      this.latestUs = tUs;
    } else {
      if (tUs > this.latestUs) this.latestUs = tUs;
      if (tUs < this.fromUs[i]) {
        // first look (the process starts here), or a look back in time: replay from the start; a
        // time before the first look gets the initial state
        const origin = this.originUs[i];
        this.restart(i, Number.isNaN(origin) ? tUs : origin);
      }
      until = this.untilUs[i];
    }
    if (tUs < until) return this.state[i] as GeState;
    let k = this.sojourn[i];
    let s = this.state[i];
    let from = until;
    // the walk-ahead thread's sojourn, when it is further on and starts by tUs: the same walk, done;
    // asked only past a walk worth its reads (AHEAD_WORTH_US)
    if (this.ahead !== null && tUs - until > AHEAD_WORTH_US && publishedSojourn(this.ahead, i, k, tUs, this.taken)) {
      const taken = this.taken;
      this.takenAhead++;
      k = taken[0];
      s = taken[1];
      from = taken[2];
      until = taken[3];
    }
    // walk the sojourns up to tUs in locals (the same draws and arithmetic as `length`)
    const keyA = hashA(this.key, this.device(i));
    const start = k;
    while (tUs >= until) {
      k++;
      s ^= 1;
      from = until;
      until += -(s === GE_BAD ? this.meanBadUs : this.meanGoodUs) * Math.log(uniformB(keyA, k + 1));
    }
    this.steps += k - start;
    this.sojourn[i] = k;
    this.state[i] = s;
    this.fromUs[i] = from;
    this.untilUs[i] = until;
    return s as GeState;
  }

  private device(i: number): number {
    return this.deviceOf === null ? i : this.deviceOf[i];
  }

  private restart(i: number, originUs: number): void {
    const d = this.device(i);
    const s = uniform(this.seed, Purpose.burstStep, d, 0) < this.piBad ? GE_BAD : GE_GOOD;
    if (this.ahead !== null && this.originUs[i] !== this.originUs[i]) startDevice(this.ahead, i, originUs);
    this.originUs[i] = originUs;
    this.fromUs[i] = originUs;
    this.sojourn[i] = 0;
    this.state[i] = s;
    this.untilUs[i] = originUs + this.length(d, 0, s);
  }

  /** Length of sojourn k of device d in state s, µs: exponential, counter-based. */
  private length(d: number, k: number, s: number): number {
    return -(s === GE_BAD ? this.meanBadUs : this.meanGoodUs) * Math.log(uniform(this.seed, Purpose.burstStep, d, k + 1));
  }
}
