import { describe, expect, it } from 'vitest';
import { clarkeFadingDb, clarkeGain } from '../../src/radio/fading.js';
import { besselJ0, fadingCorrelation } from '../../bench/validation/reception-models.js';

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
    for (const tau of [0.02, 0.1, 0.3, 2]) {
      const r = fadingCorrelation(0.5, tau, links);
      expect(Math.abs(r - besselJ0(2 * Math.PI * 0.5 * tau) ** 2), `τ = ${tau} s: ${r}`).toBeLessThan(0.05);
    }
  });

  it('is a pure function of (seed, link, time) and finite in dB', () => {
    expect(clarkeFadingDb(3, 42, 123_456, 1)).toBe(clarkeFadingDb(3, 42, 123_456, 1));
    expect(clarkeFadingDb(3, 42, 123_456, 1)).not.toBe(clarkeFadingDb(3, 43, 123_456, 1));
    expect(Number.isFinite(clarkeFadingDb(3, 42, 0, 0))).toBe(true);
  });
});
