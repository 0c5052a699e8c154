import { describe, expect, it } from 'vitest';
import { Purpose, uniform } from '../../src/engine/rng.js';
import { shadowingDb } from '../../src/radio/normal.js';
import { fieldValue, shadowingField, shadowingLossDb } from '../../src/radio/shadowing.js';

const D = 110;

/** Pearson correlation of fields a and b at pairs of points Δ apart (random positions and directions). */
function correlation(fa: (k: number) => ReturnType<typeof shadowingField>, fb: (k: number) => ReturnType<typeof shadowingField>, deltaM: number, pairs: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let k = 0; k < pairs; k++) {
    const x = uniform(5, 99, k, 0) * 20_000 - 10_000;
    const y = uniform(5, 99, k, 1) * 20_000 - 10_000;
    const ang = uniform(5, 99, k, 2) * 2 * Math.PI;
    const a = fieldValue(fa(k), x, y);
    const b = fieldValue(fb(k), x + deltaM * Math.cos(ang), y + deltaM * Math.sin(ang));
    sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
  }
  const n = pairs;
  return (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

describe('correlated shadowing field', () => {
  const one = shadowingField(1, 0, D);

  it('has zero mean, unit variance and a near-Gaussian spread over one field', () => {
    let s = 0, ss = 0, tail = 0;
    const n = 40_000;
    for (let k = 0; k < n; k++) {
      const v = fieldValue(one, uniform(7, 98, k, 0) * 50_000, uniform(7, 98, k, 1) * 50_000);
      s += v; ss += v * v;
      if (Math.abs(v) > 1.96) tail++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.05);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.06);
    expect(Math.abs(tail / n - 0.05)).toBeLessThan(0.012);
  });

  it('follows the Gudmundson correlation exp(−Δ/D): over seeds within 0.04, within one field within 0.08', () => {
    for (const delta of [20, 55, 110, 220, 440]) {
      const want = Math.exp(-delta / D);
      const overSeeds = correlation((k) => shadowingField(k, 0, D), (k) => shadowingField(k, 0, D), delta, 8000);
      expect(Math.abs(overSeeds - want), `Δ = ${delta} m over seeds: ${overSeeds}`).toBeLessThan(0.04);
      const single = correlation(() => one, () => one, delta, 20_000);
      expect(Math.abs(single - want), `Δ = ${delta} m in one field: ${single}`).toBeLessThan(0.08);
    }
  });

  it('gives each gateway its own independent field', () => {
    const other = shadowingField(1, 1, D);
    expect(Math.abs(correlation(() => one, () => other, 0, 20_000))).toBeLessThan(0.08);
    expect(Math.abs(correlation((k) => shadowingField(k, 0, D), (k) => shadowingField(k, 1, D), 0, 8000))).toBeLessThan(0.04);
  });

  it('depends on the position only (same value whatever device number)', () => {
    const p = { sigmaDb: 6, correlationDistanceM: D };
    expect(shadowingLossDb(p, 9, 17, 1, one, 123.4, -56.7)).toBe(shadowingLossDb(p, 9, 999_999, 1, one, 123.4, -56.7));
    expect(shadowingLossDb(p, 9, 17, 1, one, 123.4, -56.7)).toBeCloseTo(6 * fieldValue(one, 123.4, -56.7), 12);
  });

  it('without a decorrelation distance keeps the per-link draws of earlier versions', () => {
    const p = { sigmaDb: 3.57, correlationDistanceM: 0 };
    for (const [d, g] of [[0, 0], [5, 2], [1234, 7]]) {
      const old = shadowingDb(3.57, uniform(4, Purpose.shadowing, d, 2 * g), uniform(4, Purpose.shadowing, d, 2 * g + 1));
      expect(shadowingLossDb(p, 4, d, g, null, 0, 0)).toBe(old);
    }
    expect(shadowingLossDb({ sigmaDb: 0, correlationDistanceM: D }, 4, 1, 1, one, 10, 10)).toBe(0);
  });
});
