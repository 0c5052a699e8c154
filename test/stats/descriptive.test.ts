import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confidenceInterval, mean, normalCdf, percentile, sampleSd, tQuantile } from '../../src/stats/descriptive.js';

describe('Student t quantiles', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [9, 2.262],
    [30, 2.042],
    [120, 1.98],
    [Infinity, 1.96],
  ])('t(0.975, %s) is %s to the table precision', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('matches more digits of the exact quantiles', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047362, 8);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281388520, 8);
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.0321429836, 8);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.9599639845, 9);
  });

  it('decreases with the degrees of freedom towards the normal quantile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (df) => {
        const t = tQuantile(0.975, df);
        expect(t).toBeGreaterThan(tQuantile(0.975, df + 1));
        expect(t).toBeGreaterThan(1.959963984);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a probability outside (0.5, 1) and a fractional df', () => {
    expect(() => tQuantile(0.4, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.975, 2.5)).toThrow(RangeError);
  });

  it('normalCdf gives the familiar values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931, 11);
  });
});

describe('mean, sd and confidence interval', () => {
  it('computes the textbook example 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const ci = confidenceInterval(xs);
    const half = (2.364624251592785 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(ci.low).toBeCloseTo(5 - half, 9);
    expect(ci.high).toBeCloseTo(5 + half, 9);
    expect(ci.n).toBe(8);
  });

  it('has no sd or interval for a single value, and no mean for none', () => {
    const ci = confidenceInterval([3]);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeNaN();
    expect(ci.low).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('collapses to the value for identical replications and always contains the mean', () => {
    expect(confidenceInterval([4, 4, 4])).toMatchObject({ mean: 4, sd: 0, low: 4, high: 4 });
    expect(confidenceInterval([180.074496, 180.074496, 180.074496])).toMatchObject({ mean: 180.074496, sd: 0 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), (xs) => {
        const ci = confidenceInterval(xs);
        expect(ci.low).toBeLessThanOrEqual(ci.mean + 1e-6);
        expect(ci.high).toBeGreaterThanOrEqual(ci.mean - 1e-6);
      }),
    );
  });
});

describe('percentile', () => {
  it('interpolates between closest ranks like numpy and d3', () => {
    const xs = [15, 20, 35, 40, 50];
    expect(percentile(xs, 0)).toBe(15);
    expect(percentile(xs, 1)).toBe(50);
    expect(percentile(xs, 0.5)).toBe(35);
    expect(percentile(xs, 0.4)).toBe(29);
    expect(percentile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
  });

  it('does not depend on the input order and leaves the input alone', () => {
    const xs = [9, 1, 5, 3];
    expect(percentile(xs, 0.25)).toBe(percentile([1, 3, 5, 9], 0.25));
    expect(xs).toEqual([9, 1, 5, 3]);
  });
});
