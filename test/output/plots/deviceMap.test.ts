import { describe, expect, it } from 'vitest';
import { deviceMap } from '../../../src/output/plots/deviceMap.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

const fleet = (n: number) => ({
  xM: Array.from({ length: n }, (_, i) => (i % 50) * 20),
  yM: Array.from({ length: n }, (_, i) => Math.floor(i / 50) * 20),
  status: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'MissingFrag' : 'Successful')),
  decodedAtS: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : 100 + i)),
});

describe('deviceMap', () => {
  it('draws every device and gateway, updated ones as circles and the others as crosses', async () => {
    const spec = deviceMap(fleet(200), [[0, 0], [500, 60]]);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Devices and gateways');
    expect(countMarks(svg, 'symbol')).toBe(200 + 2);
    expect(svg.split('aria-roledescription="circle"').length - 1).toBe(0); // device marks carry no aria labels
    expect(svg).toContain('MissingFrag');
    expect(svg).not.toContain('>MICError<'); // the legend lists only the statuses present
    expect(svg).toContain('gw-1');
  });

  it('colours by status on request', async () => {
    const svg = await renderSvg(deviceMap(fleet(30), [[0, 0]], { colorBy: 'status' }));
    expect(countMarks(svg, 'symbol')).toBe(31);
    expect(svg).toContain('>Successful<');
  });

  it('thins a large fleet to every k-th device and says so', () => {
    const spec = deviceMap(fleet(12_000), [[0, 0]], { maxPoints: 5000 });
    const layers = spec.layer as Array<{ data: { values: unknown[] } }>;
    expect(layers[0].data.values).toHaveLength(4000);
    expect(JSON.stringify(spec.title)).toContain('1 in 3 of 12\u202f000 devices shown');
  });

  it('keeps the scale of both axes equal', () => {
    const spec = deviceMap({ xM: [0, 1000], yM: [0, 250], status: ['Successful', 'Successful'], decodedAtS: [1, 2] }, []);
    const layers = spec.layer as Array<{ layer?: Array<{ encoding: { x: { scale: { domain: number[] } }; y: { scale: { domain: number[] } } } }> }>;
    const enc = layers[0].layer![0].encoding;
    const xSpan = enc.x.scale.domain[1] - enc.x.scale.domain[0];
    const ySpan = enc.y.scale.domain[1] - enc.y.scale.domain[0];
    expect((spec.width as number) / xSpan).toBeCloseTo((spec.height as number) / ySpan, 1);
  });
});
