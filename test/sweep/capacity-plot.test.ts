import { describe, expect, it } from 'vitest';
import { compileVegaLite, renderSvg } from '../../src/output/svg.js';
import { capacityPlot } from '../../src/sweep/capacity-plot.js';
import type { PlanCandidate } from '../../src/sweep/pareto.js';
import { layers, panels, rows } from '../output/plots/specData.js';
import { countMarks } from '../output/svgMarks.js';

const c = (point: number, dlClass: string, timeTo95S: number | null, energyMeanJ: number, redundancyPercent = 10, updatedRatio = 1): PlanCandidate => ({
  point, dlClass, dlDr: 5, redundancyPercent, fragmentSizeBytes: 239, n: 1, timeTo95S, energyMeanJ, updatedRatio,
});
const cands = [
  c(0, 'ClassB', 7200, 1), c(1, 'ClassC', 600, 9), c(2, 'ClassC', 900, 12),
  c(3, 'ClassB', null, 0.5, 10, 0.53), c(4, 'ClassB', 7200, 1, 25), c(5, 'ClassB', 7200, 1, 50), c(6, 'ClassB', null, 50, 25, 0),
];

describe('capacity plan plot', () => {
  it('shows each outcome that reaches 95 % once, with its number of settings, the front, the choice, in hours', async () => {
    const spec = capacityPlot(cands, [cands[1], cands[0]], cands[4], { deadlineS: 3 * 3600, energyBudgetJ: 5 }, 'plan');
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const [top, bottom] = panels(spec);
    expect(rows(top).map((v) => [v.t, v.energyJ, v.count, v.countLabel, v.front, v.chosen])).toEqual([
      [2, 1, 3, '×3', true, true],
      [0.166667, 9, 1, '', true, false],
      [0.25, 12, 1, '', false, false],
    ]);
    expect(rows(top)[0].settings).toBe('DR5, 10 % redundancy, 239-byte fragments; DR5, 25 % redundancy, 239-byte fragments; DR5, 50 % redundancy, 239-byte fragments');
    expect(rows(top)[0].chosenLabel).toBe('recommended: ClassB DR5, 25 %, 239 B');
    const data = layers(top).map((l) => JSON.stringify(l.data ?? ''));
    expect(data).toContain(JSON.stringify({ values: [{ t: 3, label: 'deadline' }] }));
    expect(data).toContain(JSON.stringify({ values: [{ energyJ: 5, label: 'energy budget' }] }));
    // settings that never reached 95 %: the share they reached, beside the target
    expect(rows(bottom).map((v) => [v.dlClass, v.share, v.energyJ])).toEqual([['ClassB', 0.53, 0.5], ['ClassB', 0, 50]]);
    expect((bottom.title as { text: string }).text).toBe('Settings that never updated 95 % of the devices');
    const svg = await renderSvg(spec);
    expect(svg).toContain('×3');
    expect(svg).toContain('95 % target');
    expect(countMarks(svg, 'rule')).toBe(3);
  });

  it('has no constraint rules without constraints, and no lower panel when every setting reached 95 %', () => {
    const spec = capacityPlot(cands.slice(0, 3), [cands[1], cands[0]], null, {}, 'plan');
    expect(panels(spec)).toHaveLength(1);
    expect(layers(panels(spec)[0]).some((l) => JSON.stringify(l.mark ?? '').includes('rule'))).toBe(false);
    expect(compileVegaLite(spec).warnings).toEqual([]);
  });
});
