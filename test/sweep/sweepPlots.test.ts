import { describe, expect, it } from 'vitest';
import { compileVegaLite } from '../../src/output/svg.js';
import type { CompletionPoint } from '../../src/output/plotData.js';
import { parameterPath, pointLabel, sweepPlots } from '../../src/sweep/sweepPlots.js';
import { MANIFEST, RECORDS } from './manifest-fixture.js';

/** p00: half the fleet at 100 s then all at 200 s; p01: all at 100 s */
const curves = new Map<string, CompletionPoint[]>([
  ['p00-r0', [{ timeS: 0, share: 0 }, { timeS: 100, share: 0.5 }, { timeS: 200, share: 1 }]],
  ['p00-r1', [{ timeS: 0, share: 0 }, { timeS: 100, share: 0.5 }, { timeS: 200, share: 1 }]],
  ['p01-r0', [{ timeS: 0, share: 0 }, { timeS: 100, share: 1 }]],
  ['p01-r1', [{ timeS: 0, share: 0 }, { timeS: 100, share: 1 }]],
]);

type Values = Array<Record<string, unknown>>;

describe('sweep plots', () => {
  it('labels points by their values and takes the last numeric swept path as the x axis', () => {
    expect(pointLabel(MANIFEST, 1)).toBe('ClassC, 10');
    expect(pointLabel(MANIFEST, 0, ['multicastGroup.dlClass'])).toBe('ClassB');
    expect(parameterPath(MANIFEST)).toBe('fuotaTask.redundancyPercent');
    expect(parameterPath({ ...MANIFEST, sweptPaths: ['multicastGroup.dlClass'] })).toBe('multicastGroup.dlClass');
    expect(parameterPath({ ...MANIFEST, sweptPaths: [] })).toBeNull();
  });

  it('draws the mean completion of each point on a common time grid', () => {
    const [completion] = sweepPlots(MANIFEST, RECORDS, curves);
    expect(completion.name).toBe('completion');
    const values = (completion.spec.data as { values: Values }).values;
    const at = (series: string, t: number) => values.find((v) => v.series === series && v.t === t)?.share;
    // 200 s is over 2 min, so the axis is in minutes
    expect(at('ClassB, 10', 0)).toBe(0);
    expect(at('ClassB, 10', 2.5)).toBe(0.5);
    expect(at('ClassB, 10', 3.333333)).toBe(1);
    expect(at('ClassC, 10', 1.666667)).toBe(1);
    expect(at('ClassC, 10', 1.65)).toBe(0);
    expect(values.filter((v) => v.series === 'ClassC, 10')).toHaveLength(201);
    expect(compileVegaLite(completion.spec).warnings).toEqual([]);
  });

  it('plots metrics against the parameter with intervals, and skips a metric no point has', () => {
    const plots = sweepPlots(MANIFEST, RECORDS, curves);
    expect(plots.map((p) => p.name)).toEqual(['completion', 'timeTo95S-vs-redundancyPercent', 'energyMeanJ-vs-redundancyPercent']);
    const energy = (plots[2].spec.data as { values: Values }).values;
    expect(energy).toEqual([
      expect.objectContaining({ x: 10, series: 'ClassB', mean: 2, n: 2 }),
      expect.objectContaining({ x: 10, series: 'ClassC', mean: 12, n: 2 }),
    ]);
    expect(energy[0].high as number).toBeGreaterThan(2);
    for (const p of plots) expect(compileVegaLite(p.spec).warnings).toEqual([]);
  });
});
