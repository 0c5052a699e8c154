import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront, recommend, type PlanCandidate } from '../../src/sweep/pareto.js';

let next = 0;
function c(timeTo95S: number | null, energyMeanJ: number, dlClass = 'ClassC'): PlanCandidate {
  return { point: next++, dlClass, dlDr: 5, redundancyPercent: 10, fragmentSizeBytes: 200, n: 1, timeTo95S, energyMeanJ, updatedRatio: 1 };
}

const fast = c(600, 9);
const mid = c(3600, 3);
const slow = c(7200, 1, 'ClassB');
const dominated = c(4000, 5);
const never = c(null, 0.1, 'ClassB');
const all = [dominated, slow, never, fast, mid];

describe('Pareto front of time to 95 % against energy', () => {
  it('keeps the settings nothing beats on both, fastest first, and leaves out those that never reach 95 %', () => {
    expect(paretoFront(all)).toEqual([fast, mid, slow]);
  });

  it('keeps the first of two identical settings', () => {
    const a = c(100, 1);
    const b = c(100, 1);
    expect(paretoFront([a, b])).toEqual([a]);
  });

  it('holds no dominated point and dominates every point left out (property)', () => {
    const cand = fc.record({ t: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }), e: fc.integer({ min: 1, max: 50 }) });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 25 }), (xs) => {
        const cs = xs.map((x) => c(x.t, x.e));
        const front = paretoFront(cs);
        const beats = (a: PlanCandidate, b: PlanCandidate) =>
          (a.timeTo95S as number) <= (b.timeTo95S as number) && (a.energyMeanJ as number) <= (b.energyMeanJ as number) &&
          ((a.timeTo95S as number) < (b.timeTo95S as number) || (a.energyMeanJ as number) < (b.energyMeanJ as number));
        for (const f of front) expect(cs.some((o) => o.timeTo95S !== null && beats(o, f))).toBe(false);
        for (const o of cs) {
          if (o.timeTo95S === null || front.includes(o)) continue;
          expect(front.some((f) => beats(f, o) || (f.timeTo95S === o.timeTo95S && f.energyMeanJ === o.energyMeanJ))).toBe(true);
        }
      }),
    );
  });
});

describe('recommendation', () => {
  it('picks the least energy among the settings within deadline and budget', () => {
    expect(recommend(all, { deadlineS: 5000, energyBudgetJ: 8 })).toMatchObject({ choice: mid, binding: null });
    expect(recommend(all, {}).choice).toBe(slow);
    expect(recommend(all, { deadlineS: 1000 }).choice).toBe(fast);
  });

  it('names the deadline when only it rules every setting out', () => {
    const r = recommend(all, { deadlineS: 300, energyBudgetJ: 100 });
    expect(r).toMatchObject({ choice: null, binding: 'deadline', fastestWithinBudget: fast });
  });

  it('names the energy budget when only it rules every setting out', () => {
    const r = recommend(all, { deadlineS: 10_000, energyBudgetJ: 0.5 });
    expect(r).toMatchObject({ choice: null, binding: 'energy-budget', cheapestWithinDeadline: slow });
  });

  it('names both when each is met by some setting but never together, and never-95 when nothing reaches 95 %', () => {
    const r = recommend(all, { deadlineS: 1000, energyBudgetJ: 2 });
    expect(r).toMatchObject({ choice: null, binding: 'both', fastestWithinBudget: slow, cheapestWithinDeadline: fast });
    expect(recommend([never], { deadlineS: 1e9 }).binding).toBe('never-95');
  });
});
