import { describe, expect, it } from 'vitest';
import { metricVsParameter, type MetricPoint } from '../../../src/output/plots/metricVsParameter.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

const points: MetricPoint[] = ['ClassB', 'ClassC'].flatMap((series, s) =>
  [0, 10, 20, 40].map((r) => ({ x: r, series, mean: 1000 * (s + 1) - r * 5, ciLow: 1000 * (s + 1) - r * 5 - 30, ciHigh: 1000 * (s + 1) - r * 5 + 30, n: 3 })),
);

describe('metricVsParameter', () => {
  it('draws one line per series, a point per sweep value and an error bar per point', async () => {
    const spec = metricVsParameter(points, { parameter: 'Redundancy (%)', metric: 'Time to 90 % (s)', seriesTitle: 'Class' });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Time to 90 % (s) vs Redundancy (%)');
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'symbol')).toBe(8);
    expect(countMarks(svg, 'rule')).toBe(8);
    expect(countMarks(svg, 'rect')).toBe(16); // a cap at each end of each bar
  });

  it('uses an ordinal axis for text values and skips missing means and intervals', async () => {
    const svg = await renderSvg(
      metricVsParameter(
        [
          { x: 'DR3', series: 'a', mean: 5 },
          { x: 'DR5', series: 'a', mean: null },
        ],
        { parameter: 'Data rate', metric: 'Energy (J)' },
      ),
    );
    expect(countMarks(svg, 'symbol')).toBe(1);
    expect(countMarks(svg, 'rule')).toBe(0);
    expect(svg).toContain('>DR5<');
  });
});
