import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareInterval, wilsonInterval } from '../../src/stats/proportion.js';
import { confidenceInterval } from '../../src/stats/descriptive.js';

describe('Wilson score interval', () => {
  it('matches published values (Brown, Cai & DasGupta 2001; Newcombe 1998 table I)', () => {
    const w = (k: number, n: number) => {
      const r = wilsonInterval(k, n)!;
      return [Number(r.low.toFixed(4)), Number(r.high.toFixed(4))];
    };
    expect(w(0, 10)).toEqual([0, 0.2775]);
    expect(w(5, 10)).toEqual([0.2366, 0.7634]);
    expect(w(81, 263)).toEqual([0.2553, 0.3662]); // Newcombe's example 81/263
    expect(w(10, 10)).toEqual([0.7225, 1]);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('stays within [0, 1] and holds the observed share (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
      const k = Math.floor(f * n);
      const { low, high } = wilsonInterval(k, n)!;
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(k / n + 1e-12);
      expect(high).toBeGreaterThanOrEqual(k / n - 1e-12);
    }));
  });
});

describe('share interval over replications', () => {
  it('is the Student-t interval clamped to [0, 1], widened to the Wilson interval of the pooled devices', () => {
    const shares = [0.97, 1, 1];
    const si = shareInterval(shares, [{ k: 194, n: 200 }, { k: 200, n: 200 }, { k: 200, n: 200 }])!;
    const t = confidenceInterval(shares);
    const w = wilsonInterval(594, 600)!;
    expect(t.high).toBeGreaterThan(1);
    expect(si.mean).toBeCloseTo(0.99, 12);
    expect(si.high).toBe(1);
    expect(si.low).toBeCloseTo(Math.min(t.low, w.low), 12);
  });

  it('still has an interval when every run gave the same share, or with one run', () => {
    expect(shareInterval([1, 1], [{ k: 50, n: 50 }, { k: 50, n: 50 }])).toEqual({ mean: 1, low: wilsonInterval(100, 100)!.low, high: 1 });
    const one = shareInterval([0.5], [{ k: 5, n: 10 }])!;
    expect([one.low, one.high]).toEqual([wilsonInterval(5, 10)!.low, wilsonInterval(5, 10)!.high]);
    expect(shareInterval([0.5], null)).toEqual({ mean: 0.5, low: null, high: null });
    expect(shareInterval([], null)).toBeNull();
  });
});
