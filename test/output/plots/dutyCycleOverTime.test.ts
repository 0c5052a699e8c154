import { describe, expect, it } from 'vitest';
import { subBandTitle } from '../../../src/output/plotData.js';
import { dutyCycleOverTime, trailingHourShare } from '../../../src/output/plots/dutyCycleOverTime.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks } from '../svgMarks.js';
import { encodingOf, layers, panels, rows } from './specData.js';

describe('trailing-hour airtime share', () => {
  it('sums the airtime of the last hour of bins and divides by one hour', () => {
    // 20-minute bins: the window is 3 bins
    expect(trailingHourShare([36, 72, 108, 0, 0], 1200)).toEqual([0.01, 0.03, 0.06, 0.05, 0.03]);
  });

  it('uses one bin when bins are longer than an hour', () => {
    expect(trailingHourShare([720, 360], 7200)).toEqual([0.1, 0.05]);
  });
});

describe('sub-band titles', () => {
  it('name a sub-band by its frequencies and limit', () => {
    expect(subBandTitle('EU868', 'P')).toBe('869.4–869.65 MHz (10 %)');
    expect(subBandTitle('EU868', 'M')).toBe('868–868.6 MHz (1 %)');
    expect(subBandTitle('US915', 'US915')).toBe('902–928 MHz (no duty-cycle limit)');
    expect(subBandTitle('EU868', 'X')).toBe('X');
  });
});

describe('dutyCycleOverTime', () => {
  const input = {
    binS: 1200,
    series: [
      { gateway: 10, subBand: 'M', limit: 0.01, airtimeS: [0, 36, 0, 0] },
      { gateway: 10, subBand: 'P', limit: 0.1, airtimeS: [360, 360, 360, 0] },
      { gateway: 2, subBand: 'P', limit: 0.1, airtimeS: [36, 72, 108, 0] },
    ],
    subBandTitle: (sb: string) => subBandTitle('EU868', sb),
  };

  it('draws one panel per sub-band, the highest limit first, named by frequency and limit, one line per gateway', async () => {
    const spec = dutyCycleOverTime(input);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const [p, m] = panels(spec);
    expect((p.title as { text: string }).text).toBe('Sub-band 869.4–869.65 MHz (10 %)');
    expect((m.title as { text: string }).text).toBe('Sub-band 868–868.6 MHz (1 %)');
    // trailing-hour shares at the end of each 20-minute bin, from (0, 0)
    const gw2 = rows(p).filter((r) => r.gateway === 'gw-2').map((r) => [r.t, r.share]);
    expect(gw2).toEqual([[0, 0], [20, 0.01], [40, 0.03], [60, 0.06], [80, 0.05]]);
    expect(rows(m).map((r) => r.gateway)).toEqual(Array(5).fill('gw-10'));
    const svg = await renderSvg(spec);
    expect(svg).toContain('>Gateway duty-cycle use<');
    expect(countMarks(svg, 'line')).toBe(3);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('limit 10 %');
    expect(svg).toContain('limit 1 %');
  });

  it('orders gateways by number, tells them apart by colour and dash, and starts every axis at 0 with room for the limit', () => {
    const [p, m] = panels(dutyCycleOverTime(input));
    const line = encodingOf(p, 'line');
    expect(line.color.scale).toEqual({ domain: ['gw-2', 'gw-10'] });
    expect(line.strokeDash).toMatchObject({ field: 'gateway', scale: { domain: ['gw-2', 'gw-10'] } });
    expect(line.y.scale).toEqual({ domain: [0, 0.33], nice: false }); // gw-10 used 30 % of an hour, above the 10 % limit
    expect(encodingOf(m, 'line').y.scale).toEqual({ domain: [0, 0.011], nice: false }); // the limit sets the top
    expect(layers(m).some((l) => JSON.stringify(l.data ?? '').includes('"limit":0.01'))).toBe(true);
  });

  it('draws no limit rule where the band has none', async () => {
    const svg = await renderSvg(dutyCycleOverTime({ binS: 60, series: [{ gateway: 0, subBand: 'US915', limit: null, airtimeS: [1, 2] }] }));
    expect(countMarks(svg, 'rule')).toBe(0);
    expect(countMarks(svg, 'line')).toBe(1);
  });
});
