import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecdfPoints, histogram, niceStep } from '../../../src/output/plots/bins.js';

describe('histogram bins', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 30)).toBe(5);
    expect(niceStep(0.3, 30)).toBe(0.01);
    expect(niceStep(7, 10)).toBe(1);
    expect(niceStep(0, 10)).toBe(1);
  });

  it('counts known values in nice bins', () => {
    expect(histogram([1, 1.5, 1.9, 3, NaN], 4)).toEqual([
      { start: 1, end: 1.5, count: 1 },
      { start: 1.5, end: 2, count: 2 },
      { start: 2, end: 2.5, count: 0 },
      { start: 2.5, end: 3, count: 0 },
      { start: 3, end: 3.5, count: 1 },
    ]);
    expect(histogram([])).toEqual([]);
  });

  it('covers every finite value exactly once with equal-width contiguous bins', () => {
    // subnormal values are left out: x / step underflows to 0 there, which no energy or time ever is
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-200);
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), (values) => {
        const bins = histogram(values);
        expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
        expect(bins[0].start).toBeLessThanOrEqual(Math.min(...values));
        expect(bins[bins.length - 1].end).toBeGreaterThanOrEqual(Math.max(...values));
        for (let i = 1; i < bins.length; i++) expect(bins[i].start).toBe(bins[i - 1].end);
      }),
    );
  });
});

describe('ECDF points', () => {
  it('runs from the smallest to the largest value and ends at share 1', () => {
    const pts = ecdfPoints([5, 1, 3, 2, 4], 4);
    expect(pts[0]).toEqual({ value: 1, share: 0.2 });
    expect(pts[pts.length - 1]).toEqual({ value: 5, share: 1 });
    expect(pts.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
  });
});
