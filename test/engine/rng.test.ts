import { describe, expect, it } from 'vitest';
import { hash4, stream, uniform, Purpose } from '../../src/engine/rng.js';

describe('counter-based uniforms', () => {
  it('are a pure function of (seed, purpose, a, b), strictly inside (0, 1)', () => {
    expect(uniform(1, Purpose.fading, 7, 9)).toBe(uniform(1, Purpose.fading, 7, 9));
    expect(uniform(1, Purpose.fading, 7, 9)).not.toBe(uniform(2, Purpose.fading, 7, 9));
    expect(uniform(1, Purpose.fading, 7, 9)).not.toBe(uniform(1, Purpose.burstLoss, 7, 9));
    expect(uniform(1, Purpose.fading, 7, 9)).not.toBe(uniform(1, Purpose.fading, 9, 7));
    for (let i = 0; i < 1000; i++) {
      const u = uniform(3, 1, i, 0);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('look uniform: mean, variance and a 10-bin chi-square over 100 000 draws', () => {
    const n = 100_000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = uniform(42, 5, i, i >> 3);
      sum += u;
      sq += u * u;
      bins[Math.floor(u * 10)]++;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const chi2 = bins.reduce((acc, c) => acc + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // 99.9 % quantile, 9 degrees of freedom
  });

  it('hash4 spreads neighbouring counters over all 32 bits', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(hash4(1, 1, i, 0));
    expect(seen.size).toBe(10_000);
  });
});

describe('sequential streams', () => {
  it('repeat for the same (seed, purpose, entity) and differ otherwise', () => {
    const a = stream(1, Purpose.placement, 0);
    const b = stream(1, Purpose.placement, 0);
    const c = stream(1, Purpose.placement, 1);
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect(c()).not.toBe(xa[0]);
  });
});
