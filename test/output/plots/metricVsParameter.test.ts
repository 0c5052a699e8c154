import { describe, expect, it } from 'vitest';
import { metricVsParameter, type MetricPoint } from '../../../src/output/plots/metricVsParameter.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';
import { encodingOf, rows } from './specData.js';

const points: MetricPoint[] = ['ClassB', 'ClassC'].flatMap((series, s) =>
  [0, 10, 20, 40].map((r) => ({ x: r, series, mean: 1000 * (s + 1) - r * 5, ciLow: 1000 * (s + 1) - r * 5 - 30, ciHigh: 1000 * (s + 1) - r * 5 + 30, n: 3 })),
);

describe('metricVsParameter', () => {
  it('draws one line per series, a point per sweep value and an error bar per point', async () => {
    const spec = metricVsParameter(points, { parameter: 'Redundancy (%)', metric: 'Energy', seriesTitle: 'Class' });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Energy against Redundancy (%)');
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'symbol')).toBe(8);
    expect(countMarks(svg, 'rule')).toBe(8);
    expect(countMarks(svg, 'rect')).toBe(16); // a cap at each end of each bar
  });

  it('shows durations in minutes or hours as fits, converting means and intervals alike', () => {
    const spec = metricVsParameter(
      [{ x: 5, series: 'a', mean: 5400, ciLow: 4800, ciHigh: 6000, n: 3 }, { x: 10, series: 'a', mean: 7000, ciLow: null, ciHigh: null, n: 1 }],
      { parameter: 'Redundancy (%)', metric: 'Time to 90 % updated', kind: 'duration' },
    );
    expect(rows(spec).map((r) => [r.x, r.mean, r.low, r.high])).toEqual([[5, 90, 80, 100], [10, 116.666667, null, null]]);
    expect(encodingOf(spec, 'line').y.title).toBe('Time to 90 % updated (min)');
  });

  it('keeps shares and their intervals within 0–100 % on a percent axis', () => {
    const spec = metricVsParameter([{ x: 5, series: 'a', mean: 0.98, ciLow: 0.93, ciHigh: 1.03 }], { parameter: 'R', metric: 'Devices updated', kind: 'share' });
    expect(rows(spec)[0]).toMatchObject({ mean: 0.98, low: 0.93, high: 1 });
    expect(encodingOf(spec, 'line').y).toMatchObject({ scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  });

  it('sorts legends by number, not as text', () => {
    const spec = metricVsParameter(['40', '5', '20', '10'].map((series) => ({ x: 1, series, mean: 1 })), { parameter: 'x', metric: 'y', seriesTitle: 'Redundancy (%)' });
    expect((encodingOf(spec, 'line').color.scale as { domain: string[] }).domain).toEqual(['5', '10', '20', '40']);
  });

  it('tells series apart by dash and shape too; a style group (the class) gets its own', () => {
    const styled = metricVsParameter(
      [{ x: 1, series: '10', style: 'ClassB', mean: 1 }, { x: 1, series: '10', style: 'ClassC', mean: 2 }],
      { parameter: 'x', metric: 'y', styleTitle: 'Class', styleScale: { domain: ['ClassB', 'ClassC'], dash: [[7, 4], [1, 0]], shape: ['square', 'circle'] } },
    );
    expect(encodingOf(styled, 'line').strokeDash).toMatchObject({ field: 'style', title: 'Class', scale: { domain: ['ClassB', 'ClassC'], range: [[7, 4], [1, 0]] } });
    expect(encodingOf(styled, 'point', (l) => !l.transform || JSON.stringify(l.transform).includes('datum.reached')).shape).toMatchObject({ field: 'style', scale: { range: ['square', 'circle'] } });
    const plain = metricVsParameter([{ x: 1, series: 'a', mean: 1 }, { x: 1, series: 'b', mean: 2 }], { parameter: 'x', metric: 'y' });
    expect(encodingOf(plain, 'line').strokeDash).toMatchObject({ field: 'series', scale: { domain: ['a', 'b'] } });
  });

  it('draws a point never reached as such, with the share updated and the runs that reached it, stacked per x', async () => {
    const spec = metricVsParameter(
      [
        { x: 5, series: 'ClassB', mean: null, n: 3, notReached: { share: 0.543, runsReached: 0, runs: 3 } },
        { x: 5, series: 'ClassC', mean: null, n: 3, notReached: { share: 0.553, runsReached: 1, runs: 3 } },
        { x: 20, series: 'ClassB', mean: 160, ciLow: 150, ciHigh: 170, n: 3 },
      ],
      { parameter: 'Redundancy (%)', metric: 'Time to 90 % updated', kind: 'duration' },
    );
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const unreached = rows(spec).filter((r) => !r.reached);
    expect(unreached.map((r) => [r.series, r.label, r.slotY])).toEqual([['ClassB', '54.3 %', 8], ['ClassC', '55.3 % (1/3 runs)', 24]]);
    const svg = await renderSvg(spec);
    expect(svg).toContain('55.3 % (1/3 runs)');
    expect(countMarks(svg, 'line')).toBe(1);
    expect(countMarks(svg, 'symbol')).toBe(3); // one reached point, two triangles
    expect(JSON.stringify(spec.title)).toContain('not reached in every run');
  });

  it('uses an ordinal axis for text values that keeps every value', async () => {
    const svg = await renderSvg(metricVsParameter([{ x: 'DR3', series: 'a', mean: 5 }, { x: 'DR5', series: 'a', mean: 6 }], { parameter: 'Data rate', metric: 'Energy' }));
    expect(countMarks(svg, 'symbol')).toBe(2);
    expect(countMarks(svg, 'rule')).toBe(0);
    expect(svg).toContain('>DR5<');
  });
});
