import { describe, expect, it } from 'vitest';
import { campaignTimeline } from '../../../src/output/plots/campaignTimeline.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';
import { rows } from './specData.js';

describe('campaignTimeline', () => {
  it('draws one bar per phase with its duration', async () => {
    const spec = campaignTimeline([
      { phase: 'setup', startS: 0, endS: 90 },
      { phase: 'distribution', startS: 90, endS: 4590 },
      { phase: 'status', startS: 4590, endS: 4650 },
    ]);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    expect(rows(spec).map((r) => [r.phase, r.start, r.end, r.duration])).toEqual([
      ['setup', 0, 1.5, '90 s'], ['distribution', 1.5, 76.5, '75.0 min'], ['status', 76.5, 77.5, '60 s'],
    ]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Campaign timeline');
    expect(countMarks(svg, 'rect')).toBe(3);
    expect(countMarks(svg, 'text')).toBe(3);
    expect(svg).toContain('>90 s<');
    expect(svg).toContain('>75.0 min<');
    expect(svg).toContain('Time since simulation start (min)');
  });
});
