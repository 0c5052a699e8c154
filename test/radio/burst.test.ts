import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BurstModel } from '../../src/scenario/types.js';
import {
  BurstProcess, GE_BAD, GE_GOOD, geBadAfter, geLoss, geMeanLoss, geStationaryBadProbability,
} from '../../src/radio/burst.js';

const contract: BurstModel = { model: 'gilbert-elliott', meanBurstS: 7, meanGapS: 140, lossGood: 0, lossBad: 0.8 };

/** Sojourns of one device's process, read by sampling every `stepUs` over `spanUs`. */
function runs(p: BurstProcess, d: number, spanUs: number, stepUs: number): { bad: number[]; good: number[]; badShare: number } {
  const bad: number[] = [];
  const good: number[] = [];
  let state = p.stateAt(d, 0);
  let since = 0;
  let badTime = 0;
  for (let t = stepUs; t <= spanUs; t += stepUs) {
    const s = p.stateAt(d, t);
    if (s === GE_BAD) badTime += stepUs;
    if (s !== state) {
      (state === GE_BAD ? bad : good).push(t - since);
      since = t;
      state = s;
    }
  }
  return { bad, good, badShare: badTime / spanUs };
}

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;

describe('Gilbert–Elliott loss rule', () => {
  it('loses a frame with the loss probability of the state', () => {
    expect(geLoss(GE_GOOD, 0.05, 0.1, 0.8)).toBe(true);
    expect(geLoss(GE_GOOD, 0.1, 0.1, 0.8)).toBe(false);
    expect(geLoss(GE_BAD, 0.79, 0.1, 0.8)).toBe(true);
    expect(geLoss(GE_BAD, 0.8, 0.1, 0.8)).toBe(false);
  });

  it('has stationary Bad share meanBurst / (meanBurst + meanGap) and the matching mean loss', () => {
    expect(geStationaryBadProbability(7, 140)).toBeCloseTo(1 / 21, 12);
    expect(geMeanLoss(contract)).toBeCloseTo(0.8 / 21, 12);
    expect(geMeanLoss({ ...contract, lossGood: 0.02 })).toBeCloseTo((20 / 21) * 0.02 + (1 / 21) * 0.8, 12);
    expect(geMeanLoss({ ...contract, model: 'none' })).toBe(0);
  });

  it('gives the two-state chain transition P(Bad at t + Δ | state at t)', () => {
    expect(geBadAfter(GE_BAD, 0, 7, 140)).toBeCloseTo(1, 12);
    expect(geBadAfter(GE_GOOD, 0, 7, 140)).toBeCloseTo(0, 12);
    expect(geBadAfter(GE_GOOD, 1e9, 7, 140)).toBeCloseTo(1 / 21, 12);
    // one mean burst later, a Bad start is Bad with πB + πG·e^(−(1/7 + 1/140)·7)
    expect(geBadAfter(GE_BAD, 7, 7, 140)).toBeCloseTo(1 / 21 + (20 / 21) * Math.exp(-(1 / 7 + 1 / 140) * 7), 12);
  });
});

describe('BurstProcess: a process in time', () => {
  it('has exponential sojourns of the given means and the stationary Bad share (100 devices × 10 000 s)', () => {
    const p = new BurstProcess(100, 5, 7, 140);
    const bad: number[] = [];
    const good: number[] = [];
    let share = 0;
    for (let d = 0; d < 100; d++) {
      const r = runs(p, d, 10_000e6, 200_000);
      bad.push(...r.bad);
      good.push(...r.good);
      share += r.badShare / 100;
    }
    // ~6 800 bursts: the mean of exponentials has a relative standard error 1/√n ≈ 1.2 %; sampling
    // every 0.2 s moves a sojourn's edges by less than 0.2 s; allow 4 standard errors plus 0.2 s
    expect(Math.abs(mean(bad) / 1e6 - 7)).toBeLessThan(4 * 7 / Math.sqrt(bad.length) + 0.2);
    expect(Math.abs(mean(good) / 1e6 - 140)).toBeLessThan(4 * 140 / Math.sqrt(good.length) + 0.2);
    // the Bad share of 1 000 000 s of process: sd of a renewal estimate ≈ 0.002 here
    expect(Math.abs(share - 1 / 21)).toBeLessThan(0.008);
  });

  it('matches the chain transition probability: P(Bad at t + 10 s | Bad at t)', () => {
    const p = new BurstProcess(4000, 9, 7, 140);
    let badThen = 0;
    let stillBad = 0;
    for (let d = 0; d < 4000; d++) {
      for (let t = 0; t < 2000e6; t += 100e6) {
        if (p.stateAt(d, t) !== GE_BAD) continue;
        badThen++;
        if (p.stateAt(d, t + 10e6) === GE_BAD) stillBad++;
      }
    }
    const expected = geBadAfter(GE_BAD, 10, 7, 140);
    const se = Math.sqrt((expected * (1 - expected)) / badThen);
    expect(Math.abs(stillBad / badThen - expected)).toBeLessThan(4 * se + 0.01);
  });

  it('gives each device the same states whatever order the devices are looked at, and repeats itself', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 60 }), (order) => {
      const times = [0, 3e6, 50e6, 51e6, 400e6, 2_000e6];
      const a = new BurstProcess(10, 3, 5, 60);
      const b = new BurstProcess(10, 3, 5, 60);
      const ref = Array.from({ length: 10 }, (_, d) => times.map((t) => a.stateAt(d, t)));
      // b: devices interleaved in the given order, each device still looked at in time order
      const next = new Array<number>(10).fill(0);
      const got = Array.from({ length: 10 }, () => [] as number[]);
      for (const d of order) if (next[d] < times.length) got[d].push(b.stateAt(d, times[next[d]++]));
      for (let d = 0; d < 10; d++) while (next[d] < times.length) got[d].push(b.stateAt(d, times[next[d]++]));
      expect(got).toEqual(ref);
    }), { numRuns: 50 });
  });

  it('answers a look back in time by replaying the same realisation', () => {
    const p = new BurstProcess(3, 11, 2, 10);
    const forward = Array.from({ length: 400 }, (_, i) => p.stateAt(1, i * 1e6));
    const back = Array.from({ length: 400 }, (_, i) => p.stateAt(1, (399 - i) * 1e6)).reverse();
    expect(back).toEqual(forward);
    expect(forward).toContain(GE_BAD);
    expect(forward).toContain(GE_GOOD);
  });

  it('answers any mix of looks, looks back and first observations as a process started afresh at the first observation', () => {
    const look = fc.record({ d: fc.integer({ min: 0, max: 3 }), t: fc.integer({ min: 0, max: 600 }), observe: fc.boolean() });
    fc.assert(fc.property(fc.array(look, { minLength: 1, maxLength: 120 }), fc.integer(), (looks, seed) => {
      const p = new BurstProcess(4, seed, 2, 10);
      const origin = new Array<number>(4).fill(NaN);
      for (const { d, t, observe } of looks) {
        const tUs = t * 1e6;
        if (Number.isNaN(origin[d])) origin[d] = tUs; // a device's first observation, or its first look
        if (observe) {
          p.observe(d, tUs);
          continue;
        }
        // the reference: a new process observed at the device's origin, asked once
        const fresh = new BurstProcess(4, seed, 2, 10);
        fresh.observe(d, origin[d]);
        expect(p.stateAt(d, tUs), `device ${d} at ${t} s`).toBe(fresh.stateAt(d, tUs));
      }
    }), { numRuns: 200 });
  });

  it('gives the state read without a call (lookingAt, untilUs, state) wherever stateAt would, in any mix of looks', () => {
    // a frame's look: every device asked at one time, read the way reception.ts reads it; between
    // frames, single looks at any time (looks back included) and first observations
    // frames on a clock moving on 0..3 s each (sojourns of 2 s and 10 s: often still the last one's)
    const step = fc.record({ frame: fc.boolean(), d: fc.integer({ min: 0, max: 3 }), t: fc.integer({ min: 0, max: 600 }), dtMs: fc.integer({ min: 0, max: 3000 }), observe: fc.boolean() });
    let readHere = 0;
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), fc.integer(), (steps, seed) => {
      const p = new BurstProcess(4, seed, 2, 10);
      const origin = new Array<number>(4).fill(NaN);
      let clockUs = 0;
      const reference = (d: number, tUs: number): number => {
        const fresh = new BurstProcess(4, seed, 2, 10);
        fresh.observe(d, origin[d]);
        return fresh.stateAt(d, tUs);
      };
      for (const { frame, d, t, dtMs, observe } of steps) {
        if (!frame) {
          const tUs = t * 1e6;
          if (Number.isNaN(origin[d])) origin[d] = tUs;
          if (observe) p.observe(d, tUs);
          else expect(p.stateAt(d, tUs), `device ${d} at ${t} s`).toBe(reference(d, tUs));
          continue;
        }
        clockUs += dtMs * 1000;
        const tUs = clockUs;
        const forward = p.lookingAt(tUs);
        for (let i = 0; i < 4; i++) {
          if (Number.isNaN(origin[i])) origin[i] = tUs;
          p.observe(i, tUs);
          const inline = forward && tUs < p.untilUs[i];
          if (inline) readHere++;
          const state = inline ? p.state[i] : p.stateAt(i, tUs);
          expect(state, `frame at ${tUs} µs, device ${i}${inline ? ' (read without a call)' : ''}`).toBe(reference(i, tUs));
        }
      }
    }), { numRuns: 200 });
    expect(readHere).toBeGreaterThan(100);
  });

  it('does not depend on the other devices: adding devices keeps device 0 as it was', () => {
    const small = new BurstProcess(1, 4, 7, 140);
    const big = new BurstProcess(1000, 4, 7, 140);
    for (let t = 0; t < 5_000e6; t += 7e6) expect(big.stateAt(0, t)).toBe(small.stateAt(0, t));
  });

  it('refuses non-positive means', () => {
    expect(() => new BurstProcess(1, 1, 0, 10)).toThrow(/positive/);
    expect(() => new BurstProcess(1, 1, 1, -1)).toThrow(/positive/);
  });
});
