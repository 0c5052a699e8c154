import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absenceReasons, groupOutcomes, paretoFront, recommend, type PlanCandidate } from '../../src/sweep/pareto.js';

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

describe('identical outcomes and absent settings', () => {
  const s = (point: number, dlClass: string, dlDr: number, redundancyPercent: number, timeTo95S: number | null, energyMeanJ: number, updatedRatio: number): PlanCandidate =>
    ({ point, dlClass, dlDr, redundancyPercent, fragmentSizeBytes: 239, n: 1, timeTo95S, energyMeanJ, updatedRatio });
  const plan = [
    s(0, 'ClassB', 3, 10, null, 200, 0.531),
    s(1, 'ClassB', 6, 50, null, 30, 0.569),
    s(2, 'ClassB', 6, 10, null, 27.7, 0.524),
    s(3, 'ClassC', 6, 10, 33_707.197, 170.411, 1),
    s(4, 'ClassC', 6, 25, 33_707.197, 170.413, 1),
    s(5, 'ClassC', 6, 50, 33_707.197, 170.413, 1),
    s(6, 'ClassC', 3, 10, 44_689.3, 586.5, 1),
    s(7, 'ClassC', 0, 10, null, 6331, 0.435),
  ];

  it('groups settings of one class with the same time to the second and the same energy to three digits, led by the choice', () => {
    const front = paretoFront(plan);
    expect(front.map((c) => c.point)).toEqual([3]);
    const groups = groupOutcomes(plan, front, plan[4]);
    expect(groups.map((g) => g.members.map((m) => m.point))).toEqual([[0], [1], [2], [3, 4, 5], [6], [7]]);
    expect(groups[3].lead.point).toBe(4);
    expect(groupOutcomes(plan, front)[3].lead.point).toBe(3);
  });

  it('says why a class is not on the front, and which settings of a class on it never reached 95 %', () => {
    expect(absenceReasons(plan, paretoFront(plan))).toEqual([
      'ClassB: none of its 3 settings updated 95 % of the devices; the best reached 56.9 % (DR6, 50 % redundancy, 239-byte fragments): below the 95 % target, so it is not on the front.',
      'ClassC: 1 of its 5 settings never updated 95 % of the devices (at most 43.5 %); they are not on the front.',
    ]);
    const dominated = [s(10, 'ClassB', 3, 10, 50_000, 900, 1), s(11, 'ClassC', 6, 10, 30_000, 100, 1)];
    expect(absenceReasons(dominated, paretoFront(dominated))[0]).toBe(
      'ClassB: 1 of its 1 settings updated 95 % of the devices, but a setting on the front is at least as fast and uses at most as much energy as each of them ' +
        '(its fastest, DR3, 10 % redundancy, 239-byte fragments, against ClassC DR6, 10 % redundancy, 239-byte fragments).',
    );
  });
});
