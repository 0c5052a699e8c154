import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hash4, hashA, hashB, hashKey, stream, uniform, uniformB, Purpose } from '../../src/engine/rng.js';

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
  it('hash4 keeps its values (every seed\'s results depend on them)', () => {
    // values of the original one-function hash4, before it was split into rounds
    const known: Array<[number, number, number, number, number]> = [
      [1, 5, 0, 0, 1823987999],
      [1, 5, 123456, 789, 3008180165],
      [4294967295, 24, 4294967295, 4294967295, 2045554787],
      [7, 6, 99999, 2147483648, 1998510694],
      [0, 0, 0, 1, 2770618158],
    ];
    for (const [seed, purpose, a, b, h] of known) expect(hash4(seed, purpose, a, b)).toBe(h);
  });

  it('the rounds give exactly hash4 and uniform', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 64 }), u32, u32, (seed, purpose, a, b) => {
        const keyA = hashA(hashKey(seed, purpose), a);
        expect(hashB(keyA, b)).toBe(hash4(seed, purpose, a, b));
        expect(uniformB(keyA, b)).toBe(uniform(seed, purpose, a, b));
      }),
      { numRuns: 2000 },
    );
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
