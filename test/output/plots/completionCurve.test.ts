import { describe, expect, it } from 'vitest';
import { completionCurve } from '../../../src/output/plots/completionCurve.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';
import { encodingOf, rows } from './specData.js';

const steps = (n: number, endS: number) =>
  Array.from({ length: n + 1 }, (_, k) => ({ timeS: (k * endS) / n, share: k / n }));

describe('completionCurve', () => {
  it('draws one step line per series with a legend, and the 90 % / 95 % guides', async () => {
    const spec = completionCurve([{ label: 'ClassB', points: steps(10, 3000) }, { label: 'ClassC', points: steps(10, 1500) }], { seriesTitle: 'Class' });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    // 3000 s is over 2 min, so the axis is in minutes
    expect(rows(spec).filter((r) => r.series === 'ClassC').map((r) => r.t).slice(0, 3)).toEqual([0, 2.5, 5]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Devices updated over time');
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('90 %');
    expect(svg).toContain('Time since campaign start (min)');
    expect(svg).toContain('role-legend');
  });

  it('counts from the session start when asked, and ends the axis where told', () => {
    const spec = completionCurve([{ label: 'a', points: steps(4, 8000) }], { origin: 'session', endS: 6000 });
    const x = encodingOf(spec, 'line').x;
    expect(x).toMatchObject({ title: 'Time since session start (min)', scale: { domain: [0, 100] } });
    expect(rows(spec).map((r) => r.t)).toEqual([0, 33.333333, 66.666667, 100]); // the point after 6000 s is left out
  });

  it('sorts series by number and tells them apart by dash as well as colour', () => {
    const spec = completionCurve(['40', '5', '10'].map((label) => ({ label, points: steps(2, 100) })), { seriesTitle: 'Redundancy (%)' });
    const line = encodingOf(spec, 'line');
    expect((line.color.scale as { domain: string[] }).domain).toEqual(['5', '10', '40']);
    expect(line.strokeDash).toMatchObject({ field: 'series', scale: { domain: ['5', '10', '40'] } });
  });

  it('dashes by a style group (the class) when the series carry one', () => {
    const spec = completionCurve(
      [{ label: '10', style: 'ClassB', points: steps(2, 100) }, { label: '10', style: 'ClassC', points: steps(2, 100) }],
      { styleTitle: 'Class', dashScale: { domain: ['ClassB', 'ClassC'], range: [[7, 4], [1, 0]] } },
    );
    expect(compileVegaLite(spec).warnings).toEqual([]);
    expect(encodingOf(spec, 'line').strokeDash).toMatchObject({ field: 'style', title: 'Class', scale: { range: [[7, 4], [1, 0]] }, legend: {} });
    expect(encodingOf(spec, 'line').color.legend).toBeNull(); // one colour only
  });

  it('adds a confidence band when the points carry bounds, keeping a line legend', async () => {
    const points = steps(4, 7200 * 3).map((p) => ({ ...p, shareLow: Math.max(0, p.share - 0.05), shareHigh: Math.min(1, p.share + 0.05) }));
    const two = completionCurve([{ label: 'r=10', points }, { label: 'r=20', points }]);
    const { spec, warnings } = compileVegaLite(two);
    expect(warnings).toEqual([]);
    expect(spec.legends).toHaveLength(1);
    expect(rows(two)[1]).toMatchObject({ share: 0.25, low: 0.2, high: 0.3 });
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
    const values = rows(completionCurve([{ label: 'x', points: steps(999, 1000) }])) as Array<{ tip: boolean }>;
    expect(values).toHaveLength(1000);
    const tips = values.filter((v) => v.tip).length;
    expect(tips).toBeGreaterThan(100);
    expect(tips).toBeLessThanOrEqual(151);
    expect(values[values.length - 1].tip).toBe(true);
  });
});
