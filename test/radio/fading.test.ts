import { describe, expect, it } from 'vitest';
import { clarkeFadingDb, clarkeGain } from '../../src/radio/fading.js';

/** Bessel J0 by its power series (|x| < 10). */
function j0(x: number): number {
  let term = 1, sum = 1;
  for (let k = 1; k < 60; k++) { term *= -(x * x) / (4 * k * k); sum += term; }
  return sum;
}

describe('Clarke fading (Zheng–Xiao sum of sinusoids)', () => {
  const links = 20_000;

  it('has unit mean power and a Rayleigh (exponential) power distribution', () => {
    let s = 0, below = 0;
    for (let l = 0; l < links; l++) {
      const g = clarkeGain(1, l, 3_000_000, 0.5);
      s += g;
      if (g < 0.1) below++;
    }
    expect(Math.abs(s / links - 1)).toBeLessThan(0.03);
    expect(Math.abs(below / links - (1 - Math.exp(-0.1)))).toBeLessThan(0.012);
  });

  it('is correlated in time as J0²(2π f_D τ)', () => {
    const fd = 0.5;
    for (const tau of [0.02, 0.1, 0.3, 2]) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let l = 0; l < links; l++) {
        const a = clarkeGain(2, l, 1e6, fd);
        const b = clarkeGain(2, l, 1e6 + tau * 1e6, fd);
        sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
      }
      const n = links;
      const r = (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
      expect(Math.abs(r - j0(2 * Math.PI * fd * tau) ** 2), `τ = ${tau} s: ${r}`).toBeLessThan(0.05);
    }
  });

  it('is a pure function of (seed, link, time) and finite in dB', () => {
    expect(clarkeFadingDb(3, 42, 123_456, 1)).toBe(clarkeFadingDb(3, 42, 123_456, 1));
    expect(clarkeFadingDb(3, 42, 123_456, 1)).not.toBe(clarkeFadingDb(3, 43, 123_456, 1));
    expect(Number.isFinite(clarkeFadingDb(3, 42, 0, 0))).toBe(true);
  });
});
