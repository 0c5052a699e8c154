import { describe, expect, it } from 'vitest';
import { compileVegaLite } from '../../src/output/svg.js';
import { capacityPlot } from '../../src/sweep/capacity-plot.js';
import type { PlanCandidate } from '../../src/sweep/pareto.js';

const c = (point: number, dlClass: string, timeTo95S: number | null, energyMeanJ: number): PlanCandidate => ({
  point, dlClass, dlDr: 5, redundancyPercent: 10, fragmentSizeBytes: 239, n: 1, timeTo95S, energyMeanJ, updatedRatio: 1,
});
const cands = [c(0, 'ClassB', 7200, 1), c(1, 'ClassC', 600, 9), c(2, 'ClassC', 900, 12), c(3, 'ClassB', null, 0.5)];

describe('capacity plan plot', () => {
  it('shows the settings that reach 95 %, marks the front and the choice, in hours for long campaigns', () => {
    const spec = capacityPlot(cands, [cands[1], cands[0]], cands[0], { deadlineS: 3 * 3600, energyBudgetJ: 5 }, 'plan');
    const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
    expect(values.map((v) => [v.t, v.energyJ, v.front, v.chosen])).toEqual([
      [2, 1, 'Pareto front', true],
      [0.166667, 9, 'Pareto front', false],
      [0.25, 12, 'dominated', false],
    ]);
    const layers = spec.layer as Array<Record<string, unknown>>;
    expect(layers).toHaveLength(5);
    expect(layers[3]).toMatchObject({ data: { values: [{ t: 3 }] }, mark: { type: 'rule' } });
    expect(layers[4]).toMatchObject({ data: { values: [{ energyJ: 5 }] }, mark: { type: 'rule' } });
    expect(compileVegaLite(spec).warnings).toEqual([]);
  });

  it('leaves out the rules without constraints', () => {
    expect(capacityPlot(cands, [], null, {}, 'plan').layer).toHaveLength(3);
  });
});
