import { describe, expect, it } from 'vitest';
import { dutyCycleOverTime, trailingHourShare } from '../../../src/output/plots/dutyCycleOverTime.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

describe('trailing-hour airtime share', () => {
  it('sums the airtime of the last hour of bins and divides by one hour', () => {
    // 20-minute bins: the window is 3 bins
    expect(trailingHourShare([36, 72, 108, 0, 0], 1200)).toEqual([0.01, 0.03, 0.06, 0.05, 0.03]);
  });

  it('uses one bin when bins are longer than an hour', () => {
    expect(trailingHourShare([720, 360], 7200)).toEqual([0.1, 0.05]);
  });
});

describe('dutyCycleOverTime', () => {
  it('draws one line per gateway sub-band and one limit rule per distinct limit', async () => {
    const spec = dutyCycleOverTime({
      binS: 60,
      series: [
        { gateway: 0, subBand: 'P', limit: 0.1, airtimeS: [6, 6, 6, 0] },
        { gateway: 1, subBand: 'P', limit: 0.1, airtimeS: [3, 3, 3, 3] },
        { gateway: 1, subBand: 'M', limit: 0.01, airtimeS: [0, 1, 0, 0] },
      ],
    });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Gateway duty-cycle use');
    expect(countMarks(svg, 'line')).toBe(3);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('limit 10 %');
    expect(svg).toContain('limit 1 %');
    expect(svg).toContain('gw-1 · M');
  });

  it('draws no limit rule where the band has none', async () => {
    const svg = await renderSvg(dutyCycleOverTime({ binS: 60, series: [{ gateway: 0, subBand: 'US915', limit: null, airtimeS: [1, 2] }] }));
    expect(countMarks(svg, 'rule')).toBe(0);
    expect(countMarks(svg, 'line')).toBe(1);
  });
});
