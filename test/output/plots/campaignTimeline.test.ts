import { describe, expect, it } from 'vitest';
import { campaignTimeline } from '../../../src/output/plots/campaignTimeline.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

describe('campaignTimeline', () => {
  it('draws one bar per phase with its duration', async () => {
    const spec = campaignTimeline([
      { phase: 'setup', startS: 0, endS: 90 },
      { phase: 'distribution', startS: 90, endS: 4590 },
      { phase: 'status', startS: 4590, endS: 4650 },
    ]);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Campaign timeline');
    expect(countMarks(svg, 'rect')).toBe(3);
    expect(countMarks(svg, 'text')).toBe(3);
    expect(svg).toContain('>90 s<');
    expect(svg).toContain('>75.0 min<');
    expect(svg).toContain('Time since simulation start (min)');
  });
});
