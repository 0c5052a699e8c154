import { describe, expect, it } from 'vitest';
import { deviceMap } from '../../../src/output/plots/deviceMap.js';
import { statusScale, STATUS_GROUPS } from '../../../src/output/plots/theme.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { DEVICE_STATUSES } from '../../../src/sim/types.js';
import { countMarks, svgTitle } from '../svgMarks.js';
import { encodingOf, layers, rows } from './specData.js';

const fleet = (n: number) => ({
  xM: Array.from({ length: n }, (_, i) => (i % 50) * 20),
  yM: Array.from({ length: n }, (_, i) => Math.floor(i / 50) * 20),
  status: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'MissingFrag' : i % 10 === 1 ? 'Initial' : 'Successful')),
  decodedAtS: Array.from({ length: n }, (_, i) => (i % 10 <= 1 ? null : 29_000 + 3 * i)),
});

describe('deviceMap', () => {
  it('draws every device and gateway: updated ones coloured by time since the session start, the others by status', async () => {
    const spec = deviceMap(fleet(200), [[0, 0], [500, 60]], { originS: 29_000 });
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const devices = rows(layers(spec)[0]);
    // device 2 rebuilt at 29 006 s, 6 s after the session start; the span (597 s) is shown in minutes
    expect(devices[2]).toMatchObject({ device: 2, status: 'Successful', t: 0.1 });
    expect(devices[0]).toMatchObject({ status: 'MissingFrag', t: null });
    const time = encodingOf(spec, 'circle').color;
    expect(time.title).toEqual(['Updated (160): rebuilt', 'after the session start (min)']);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Devices and gateways');
    expect(countMarks(svg, 'symbol')).toBe(200 + 2);
    expect(svg).toContain('MissingFrag (20)'); // the legend counts the devices of each status
    expect(svg).toContain('Initial (20)');
    expect(svg).not.toContain('MICError'); // the legend lists only the statuses present
    expect(svg).toContain('gw-1');
  });

  it('counts decode times from the campaign start without a session', () => {
    const spec = deviceMap(fleet(20), [[0, 0]]);
    expect(rows(layers(spec)[0])[2].t).toBeCloseTo(29_006 / 3600, 5);
    expect(encodingOf(spec, 'circle').color.title).toEqual(['Updated (16): rebuilt', 'after the campaign start (h)']);
  });

  it('colours by status on request, each status group with its own shape', async () => {
    const spec = deviceMap(fleet(30), [[0, 0]], { colorBy: 'status' });
    const enc = encodingOf(spec, 'point', (l) => !JSON.stringify(l.mark).includes('triangle'));
    expect(enc.color.scale).toEqual({ domain: ['Successful', 'MissingFrag', 'Initial'], range: ['#009E73', '#E69F00', '#A0A4AA'] });
    expect(enc.shape.scale).toEqual({ domain: ['Successful', 'MissingFrag', 'Initial'], range: ['circle', 'cross', 'square'] });
    const svg = await renderSvg(spec);
    expect(countMarks(svg, 'symbol')).toBe(31);
    expect(svg).toContain('>Successful (24)<');
  });

  it('gives every status a distinct colour, grouped in legend order: success, failures, refusals, not reached', () => {
    const all = statusScale(DEVICE_STATUSES);
    expect(new Set(all.range).size).toBe(DEVICE_STATUSES.length);
    expect(all.domain).toEqual(STATUS_GROUPS.flatMap((g) => g.statuses));
    expect(all.domain[0]).toBe('Successful');
    expect(all.domain.at(-1)).toBe('Initial');
    expect([...new Set(all.shapes)]).toEqual(['circle', 'cross', 'diamond', 'square']);
    // no blue for a status: blues are the decode-time colours
    for (const c of all.range) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      expect(b > r + 40 && b > g + 20, c).toBe(false);
    }
  });

  it('thins a large fleet to every k-th device and says so', () => {
    const spec = deviceMap(fleet(12_000), [[0, 0]], { maxPoints: 5000 });
    expect(rows(layers(spec)[0])).toHaveLength(4000);
    expect(JSON.stringify(spec.title)).toContain('1 in 3 of 12\u202f000 devices shown');
  });

  it('keeps the scale of both axes equal', () => {
    const spec = deviceMap({ xM: [0, 1000], yM: [0, 250], status: ['Successful', 'Successful'], decodedAtS: [1, 2] }, []);
    const enc = encodingOf(spec, 'circle') as unknown as { x: { scale: { domain: number[] } }; y: { scale: { domain: number[] } } };
    const xSpan = enc.x.scale.domain[1] - enc.x.scale.domain[0];
    const ySpan = enc.y.scale.domain[1] - enc.y.scale.domain[0];
    expect((spec.width as number) / xSpan).toBeCloseTo((spec.height as number) / ySpan, 1);
  });
});
