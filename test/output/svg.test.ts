import { describe, expect, it } from 'vitest';
import { frame } from '../../src/output/plots/theme.js';
import { compileVegaLite, normaliseSvgIds, renderSvg } from '../../src/output/svg.js';
import { countMarks, svgTitle } from './svgMarks.js';

const points = {
  ...frame('Three points (m)', 'a known input'),
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 1 }] },
  mark: 'point',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
};

const gradient = {
  ...frame('Gradient', undefined),
  data: { values: [{ a: 1, b: 2, c: 0 }, { a: 2, b: 3, c: 5 }] },
  mark: 'circle',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, color: { field: 'c', type: 'quantitative' } },
};

describe('renderSvg', () => {
  it('draws one symbol per data point and the title, without a browser', async () => {
    const svg = await renderSvg(points);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(countMarks(svg, 'symbol')).toBe(3);
    expect(svgTitle(svg)).toBe('Three points (m)');
    expect(svg).toContain('a known input');
  });

  it('gives the same bytes for the same spec whatever was drawn before it', async () => {
    const first = await renderSvg(gradient);
    await renderSvg(gradient);
    await renderSvg(points);
    expect(await renderSvg(gradient)).toBe(first);
    expect(first).toContain('id="gradient_0"');
    expect(first).toContain('url(#gradient_0)');
  });

  it('renumbers gradient and clip ids in order of first use', () => {
    const svg = '<path fill="url(#gradient_7)"/><clipPath id="clip12"/><g clip-path="url(#clip12)"/><linearGradient id="gradient_7"/><x id="gradient_9"/>';
    expect(normaliseSvgIds(svg)).toBe(
      '<path fill="url(#gradient_0)"/><clipPath id="clip0"/><g clip-path="url(#clip0)"/><linearGradient id="gradient_0"/><x id="gradient_1"/>',
    );
  });

  it('reports vega-lite warnings instead of printing them', () => {
    const { warnings } = compileVegaLite({ ...points, encoding: { ...points.encoding, size: { field: 'a', type: 'nominal' } } });
    expect(warnings.length).toBeGreaterThan(0);
    expect(compileVegaLite(points).warnings).toEqual([]);
  });
});
