import { describe, expect, it } from 'vitest';
import type { BurstModel } from '../../src/scenario/types.js';
import {
  GE_BAD, GE_GOOD, geInitialState, geLoss, geMeanBadBurstLength, geMeanLoss, geStationaryBadProbability, geStep,
} from '../../src/radio/burst.js';

/** A 32-bit LCG (Numerical Recipes constants) giving uniforms in (0,1): deterministic test input. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

const contract: BurstModel = { model: 'gilbert-elliott', pGoodToBad: 0.01, pBadToGood: 0.2, lossGood: 0, lossBad: 0.8 };

describe('Gilbert–Elliott transitions', () => {
  it('go Good→Bad when u < p and Bad→Good when u < r', () => {
    expect(geStep(GE_GOOD, 0.009, 0.01, 0.2)).toBe(GE_BAD);
    expect(geStep(GE_GOOD, 0.01, 0.01, 0.2)).toBe(GE_GOOD);
    expect(geStep(GE_BAD, 0.19, 0.01, 0.2)).toBe(GE_GOOD);
    expect(geStep(GE_BAD, 0.2, 0.01, 0.2)).toBe(GE_BAD);
  });

  it('lose frames with the loss probability of the current state', () => {
    expect(geLoss(GE_GOOD, 0.05, 0.1, 0.8)).toBe(true);
    expect(geLoss(GE_GOOD, 0.1, 0.1, 0.8)).toBe(false);
    expect(geLoss(GE_BAD, 0.79, 0.1, 0.8)).toBe(true);
    expect(geLoss(GE_BAD, 0.8, 0.1, 0.8)).toBe(false);
  });

  it('reproduce a hand-checked sequence (step, then draw the loss in the new state)', () => {
    const steps = [0.5, 0.4, 0.005, 0.9, 0.3, 0.1, 0.7];
    const losses = [0.1, 0.5, 0.5, 0.85, 0.2, 0.2, 0.0];
    let state = GE_GOOD as number;
    const states: number[] = [];
    const lost: boolean[] = [];
    for (let k = 0; k < steps.length; k++) {
      state = geStep(state, steps[k], 0.01, 0.2);
      states.push(state);
      lost.push(geLoss(state, losses[k], 0, 0.8));
    }
    expect(states).toEqual([0, 0, 1, 1, 1, 0, 0]);
    expect(lost).toEqual([false, false, true, false, true, false, false]);
  });
});

describe('Gilbert–Elliott long-run behaviour', () => {
  it('has stationary Bad probability p/(p+r) and the matching mean loss', () => {
    expect(geStationaryBadProbability(0.01, 0.2)).toBeCloseTo(0.047619, 6);
    expect(geMeanLoss(contract)).toBeCloseTo(0.8 / 21, 12);
    expect(geMeanLoss({ ...contract, lossGood: 0.02 })).toBeCloseTo((20 / 21) * 0.02 + (1 / 21) * 0.8, 12);
    expect(geMeanLoss({ ...contract, model: 'none' })).toBe(0);
    expect(geStationaryBadProbability(0, 0)).toBe(0);
    expect(geMeanBadBurstLength(0.2)).toBe(5);
  });

  it('converges to the stationary loss within 0.003 over 2 million LCG-driven opportunities', () => {
    for (const [seed, m] of [[1, contract], [7, { ...contract, pGoodToBad: 0.05, pBadToGood: 0.5, lossGood: 0.01 }]] as const) {
      const u = lcg(seed);
      let state = geInitialState(u(), m.pGoodToBad, m.pBadToGood) as number;
      let lost = 0;
      let bad = 0;
      const n = 2_000_000;
      for (let k = 0; k < n; k++) {
        state = geStep(state, u(), m.pGoodToBad, m.pBadToGood);
        if (state === GE_BAD) bad++;
        if (geLoss(state, u(), m.lossGood, m.lossBad)) lost++;
      }
      expect(Math.abs(lost / n - geMeanLoss(m))).toBeLessThan(0.003);
      expect(Math.abs(bad / n - geStationaryBadProbability(m.pGoodToBad, m.pBadToGood))).toBeLessThan(0.003);
    }
  });

  it('draws the initial state from the stationary distribution', () => {
    expect(geInitialState(0.04, 0.01, 0.2)).toBe(GE_BAD);
    expect(geInitialState(0.05, 0.01, 0.2)).toBe(GE_GOOD);
  });

  it('produces bursts: mean Bad run length 1/r', () => {
    const u = lcg(3);
    let state = GE_GOOD as number;
    let runs = 0;
    let badSteps = 0;
    for (let k = 0; k < 1_000_000; k++) {
      const next = geStep(state, u(), 0.01, 0.2);
      if (next === GE_BAD) { badSteps++; if (state === GE_GOOD) runs++; }
      state = next;
    }
    expect(badSteps / runs).toBeGreaterThan(4.8);
    expect(badSteps / runs).toBeLessThan(5.2);
  });
});
