/** A small capacity plan with known outcomes (class B never reaches 95 %, three class C settings alike), for the plan tests. */
import type { CapacityPlan } from '../../src/sweep/capacity.js';
import { paretoFront, recommend, type PlanCandidate } from '../../src/sweep/pareto.js';

const s = (point: number, dlClass: string, dlDr: number, redundancyPercent: number, timeTo95S: number | null, energyMeanJ: number, updatedRatio: number): PlanCandidate =>
  ({ point, dlClass, dlDr, redundancyPercent, fragmentSizeBytes: 239, n: 1, timeTo95S, energyMeanJ, updatedRatio });
export const candidates = [
  s(0, 'ClassB', 6, 10, null, 27.7, 0.524),
  s(1, 'ClassC', 6, 10, 33_707, 170.411, 1),
  s(2, 'ClassC', 6, 25, 33_707, 170.413, 1),
  s(3, 'ClassC', 6, 50, 33_707, 170.413, 1),
  s(4, 'ClassC', 3, 10, 44_689, 586.5, 1),
];
export const k = { deadlineS: 12 * 3600, energyBudgetJ: 200 };
export const front = paretoFront(candidates);
export const plan: CapacityPlan = {
  outDir: '/tmp/x', grid: { classes: ['ClassB', 'ClassC'], dataRates: [3, 6], redundancies: [10, 25, 50], fragmentSizes: ['max'] },
  candidates, front, recommendation: recommend(candidates, k), skipped: ['ClassB DR0, 50 % redundancy, fragment size half: too many fragments'],
};

