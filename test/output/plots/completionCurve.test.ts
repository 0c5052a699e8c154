import { describe, expect, it } from 'vitest';
import { completionCurve } from '../../../src/output/plots/completionCurve.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

const steps = (n: number, endS: number) =>
  Array.from({ length: n + 1 }, (_, k) => ({ timeS: (k * endS) / n, share: k / n }));

describe('completionCurve', () => {
  it('draws one step line per series with a legend, and the 90 % / 95 % guides', async () => {
    const spec = completionCurve([{ label: 'ClassB', points: steps(10, 3000) }, { label: 'ClassC', points: steps(10, 1500) }], { seriesTitle: 'Class' });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Devices updated over time');
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('90 %');
    expect(svg).toContain('Time since campaign start (min)'); // 3000 s is shown in minutes
    expect(svg).toContain('role-legend');
  });

  it('adds a confidence band when the points carry bounds, keeping a line legend', async () => {
    const points = steps(4, 7200 * 3).map((p) => ({ ...p, shareLow: Math.max(0, p.share - 0.05), shareHigh: Math.min(1, p.share + 0.05) }));
    const two = completionCurve([{ label: 'r=10', points }, { label: 'r=20', points }]);
    const { spec, warnings } = compileVegaLite(two);
    expect(warnings).toEqual([]);
    expect(spec.legends).toHaveLength(1);
    expect(spec.legends?.[0]).toMatchObject({ stroke: 'color', symbolType: 'stroke' });
    expect(countMarks(await renderSvg(two), 'area')).toBe(2);
    const one = await renderSvg(completionCurve([{ label: 'r=10', points }]));
    expect(one).toContain('Time since campaign start (h)');
    expect(one).not.toContain('role-legend'); // one series needs no legend
  });

  it('shades the campaign phases behind the curve and names the wide ones', async () => {
    const phases = [
      { phase: 'setup', startS: 0, endS: 4000 },
      { phase: 'distribution', startS: 6000, endS: 9000 },
      { phase: 'status', startS: 9000, endS: 9050 }, // too narrow for a label
    ];
    const spec = completionCurve([{ label: 'ClassC', points: steps(10, 10_000) }], { phases });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, 'rect')).toBe(3);
    expect(svg).toContain('>setup<');
    expect(svg).toContain('>distribution<');
    expect(svg).not.toContain('>status<');
  });

  it('keeps at most about 150 hover targets per series', () => {
    const spec = completionCurve([{ label: 'x', points: steps(999, 1000) }]);
    const values = (spec.data as { values: Array<{ tip: boolean }> }).values;
    expect(values).toHaveLength(1000);
    const tips = values.filter((v) => v.tip).length;
    expect(tips).toBeGreaterThan(100);
    expect(tips).toBeLessThanOrEqual(151);
    expect(values[values.length - 1].tip).toBe(true);
  });
});
