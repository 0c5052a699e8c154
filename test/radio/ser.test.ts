import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { besselI0Scaled, erfc, exactSymbolErrorRate, harmonicNumber, qFunction, symbolErrorRate } from '../../src/radio/ser.js';

describe('special functions', () => {
  it('erfc matches tabulated values to 1.2e-7 relative', () => {
    const cases: Array<[number, number]> = [[0, 1], [0.5, 0.4795001221869535], [1, 0.15729920705028513], [-1, 1.8427007929497148], [3, 2.209049699858544e-5], [5, 1.5374597944280349e-12]];
    for (const [x, want] of cases) expect(Math.abs(erfc(x) - want) / want, `erfc(${x})`).toBeLessThan(1.2e-7);
    expect(qFunction(0)).toBeCloseTo(0.5, 7);
    expect(qFunction(1.6448536269514722)).toBeCloseTo(0.05, 7);
  });

  it('harmonic numbers: exact below 64, asymptotic above agrees with the sum', () => {
    expect(harmonicNumber(1)).toBe(1);
    expect(harmonicNumber(10)).toBeCloseTo(2.9289682539682538, 14);
    for (const n of [64, 127, 4095]) {
      let h = 0;
      for (let k = 1; k <= n; k++) h += 1 / k;
      expect(Math.abs(harmonicNumber(n) - h)).toBeLessThan(1e-9);
    }
  });

  it('scaled Bessel I0 matches tabulated values', () => {
    expect(besselI0Scaled(0)).toBeCloseTo(1, 7);
    expect(besselI0Scaled(1) / 0.46575960759364043).toBeCloseTo(1, 6);
    expect(besselI0Scaled(10) / 0.1278333371634286).toBeCloseTo(1, 6);
    expect(besselI0Scaled(100) / 0.03994437929909668).toBeCloseTo(1, 5);
  });
});

describe('LoRa symbol error rate', () => {
  it('is a blind guess at zero SNR and falls with SNR', () => {
    expect(symbolErrorRate(0, 7)).toBeCloseTo(127 / 128, 12);
    fc.assert(fc.property(fc.integer({ min: 7, max: 12 }), fc.double({ min: -30, max: 0, noNaN: true }), (sf, db) => {
      expect(symbolErrorRate(10 ** ((db + 0.5) / 10), sf)).toBeLessThanOrEqual(symbolErrorRate(10 ** (db / 10), sf));
    }));
  });

  it('needs about 2.5–3 dB less SNR per spreading-factor step at SER 1e-3', () => {
    const at = (sf: number) => {
      let lo = -40, hi = 10;
      for (let i = 0; i < 60; i++) { const m = (lo + hi) / 2; if (symbolErrorRate(10 ** (m / 10), sf) > 1e-3) lo = m; else hi = m; }
      return lo;
    };
    for (let sf = 7; sf < 12; sf++) {
      const step = at(sf) - at(sf + 1);
      expect(step).toBeGreaterThan(2.5);
      expect(step).toBeLessThan(3.01);
    }
  });

  it('the exact integral is a probability and agrees with the closed form at mid SER', () => {
    for (const sf of [7, 10, 12]) {
      const g = 10 ** ((-7.5 - 2.5 * (sf - 7) - 2) / 10);
      const exact = exactSymbolErrorRate(g, sf);
      expect(exact).toBeGreaterThan(0);
      expect(exact).toBeLessThan(1);
      expect(Math.abs(Math.log10(symbolErrorRate(g, sf)) - Math.log10(exact))).toBeLessThan(0.25);
    }
  });

  it('rejects spreading factors outside 5..12', () => {
    expect(() => symbolErrorRate(1, 4)).toThrow(RangeError);
    expect(() => exactSymbolErrorRate(1, 13)).toThrow(RangeError);
  });
});
