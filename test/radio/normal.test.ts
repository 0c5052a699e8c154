import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalFromUniforms, rayleighFadingDb, shadowingDb } from '../../src/radio/normal.js';

/** Midpoint grid of n×n uniforms: a deterministic stand-in for random draws. */
function grid(n: number, f: (u1: number, u2: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.push(f((i + 0.5) / n, (j + 0.5) / n));
  return out;
}

describe('normalFromUniforms (Box–Muller)', () => {
  it('returns √(−2 ln u1)·cos(2π u2) for hand-checked inputs', () => {
    expect(normalFromUniforms(Math.exp(-0.5), 0)).toBeCloseTo(1, 12);
    expect(normalFromUniforms(Math.exp(-2), 0.5)).toBeCloseTo(-2, 12);
    expect(normalFromUniforms(0.3, 0.25)).toBeCloseTo(0, 12);
  });

  it('has mean 0 and variance 1 over a fine grid of uniforms', () => {
    const xs = grid(400, normalFromUniforms);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(variance).toBeCloseTo(1, 2);
  });

  it('is finite for every uniform in (0,1), including the smallest double', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
      expect(Number.isFinite(normalFromUniforms(a, b))).toBe(true);
    }));
  });
});

describe('shadowingDb', () => {
  it('scales the standard normal by σ', () => {
    expect(shadowingDb(3.57, Math.exp(-0.5), 0)).toBeCloseTo(3.57, 12);
    expect(shadowingDb(0, 0.1, 0.2)).toBe(0);
  });
});

describe('rayleighFadingDb', () => {
  it('is 10·log10(−ln u): 0 dB at u = 1/e and −10 dB at u = e^−0.1', () => {
    expect(rayleighFadingDb(Math.exp(-1))).toBeCloseTo(0, 12);
    expect(rayleighFadingDb(Math.exp(-0.1))).toBeCloseTo(-10, 12);
    expect(rayleighFadingDb(Math.exp(-10))).toBeCloseTo(10, 12);
  });

  it('has unit mean power gain over a fine grid of uniforms', () => {
    const n = 200000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += 10 ** (rayleighFadingDb((i + 0.5) / n) / 10);
    expect(sum / n).toBeCloseTo(1, 3);
  });

  it('decreases as u grows (a larger uniform is a deeper fade)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 0.999 }), fc.double({ min: 1e-9, max: 0.999 }), (a, b) => {
      fc.pre(b - a > 1e-9);
      expect(rayleighFadingDb(a)).toBeGreaterThan(rayleighFadingDb(b));
    }));
  });
});
