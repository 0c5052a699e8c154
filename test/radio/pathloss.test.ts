import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathLossModel } from '../../src/scenario/types.js';
import { freeSpaceLossDb, hataLossDb, logDistanceLossDb, MIN_DISTANCE_M, pathLossDb, pathLossFunction } from '../../src/radio/pathloss.js';

const loraSim: PathLossModel = { model: 'log-distance', d0M: 40, pl0Db: 127.41, gamma: 2.08 };
const hata = (environment: 'urban' | 'suburban' | 'rural', frequencyMHz: number | null = null): PathLossModel => ({
  model: 'okumura-hata', frequencyMHz, gatewayHeightM: 30, deviceHeightM: 1.5, environment,
});

/** The textbook Okumura-Hata formula, written out again with its literal constants. */
function hataByHand(f: number, hb: number, hm: number, dKm: number, env: string): number {
  const a = (1.1 * Math.log10(f) - 0.7) * hm - (1.56 * Math.log10(f) - 0.8);
  const u = 69.55 + 26.16 * Math.log10(f) - 13.82 * Math.log10(hb) - a + (44.9 - 6.55 * Math.log10(hb)) * Math.log10(dKm);
  if (env === 'suburban') return u - 2 * Math.log10(f / 28) ** 2 - 5.4;
  if (env === 'rural') return u - 4.78 * Math.log10(f) ** 2 + 18.33 * Math.log10(f) - 40.94;
  return u;
}

describe('log-distance path loss', () => {
  it('equals PL0 at the reference distance d0', () => {
    expect(pathLossDb(loraSim, 40, 868.1e6)).toBeCloseTo(127.41, 10);
  });

  it('adds 10·γ dB per decade of distance (base-10 log, as the LoRaSim paper)', () => {
    expect(pathLossDb(loraSim, 400, 868.1e6)).toBeCloseTo(127.41 + 20.8, 10);
    expect(pathLossDb(loraSim, 4000, 868.1e6)).toBeCloseTo(127.41 + 41.6, 10);
  });

  it('gives 156.487 dB at 1 km with the LoRaSim parameters', () => {
    expect(pathLossDb(loraSim, 1000, 868.1e6)).toBeCloseTo(156.4872, 3);
  });

  it('does not depend on frequency', () => {
    expect(pathLossDb(loraSim, 1234, 868e6)).toBe(pathLossDb(loraSim, 1234, 915e6));
  });

  it('clamps distances below 1 m to 1 m instead of returning -Infinity', () => {
    const at1 = logDistanceLossDb(40, 127.41, 2.08, MIN_DISTANCE_M);
    expect(pathLossDb(loraSim, 0, 868e6)).toBe(at1);
    expect(pathLossDb(loraSim, 0.2, 868e6)).toBe(at1);
    expect(Number.isFinite(at1)).toBe(true);
  });
});

describe('Okumura-Hata path loss', () => {
  it('matches values computed by hand at 868 MHz, hb 30 m, hm 1.5 m, 2 km', () => {
    expect(pathLossDb(hata('urban'), 2000, 868e6)).toBeCloseTo(136.5971, 3);
    expect(pathLossDb(hata('suburban'), 2000, 868e6)).toBeCloseTo(126.7488, 3);
    expect(pathLossDb(hata('rural'), 2000, 868e6)).toBeCloseTo(108.2454, 3);
  });

  it('uses the model frequency when set and the carrier frequency otherwise', () => {
    const fixed: PathLossModel = { model: 'okumura-hata', frequencyMHz: 915, gatewayHeightM: 50, deviceHeightM: 2, environment: 'urban' };
    expect(pathLossDb(fixed, 5000, 868e6)).toBeCloseTo(145.8511, 3);
    expect(pathLossDb(hata('urban'), 5000, 915e6)).toBeCloseTo(hataByHand(915, 30, 1.5, 5, 'urban'), 9);
  });

  it('follows the textbook formula for every environment from 1 to 20 km', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1000, max: 20000, noNaN: true }),
        fc.double({ min: 150, max: 1500, noNaN: true }),
        fc.constantFrom('urban', 'suburban', 'rural'),
        (dM, fMHz, env) => {
          const got = pathLossDb(hata(env as 'urban', fMHz), dM, 1e9);
          expect(got).toBeCloseTo(hataByHand(fMHz, 30, 1.5, dM / 1000, env), 9);
        },
      ),
    );
  });

  it('is floored at the free-space loss below 1 km and stays monotone in distance', () => {
    expect(pathLossDb(hata('urban'), 100, 868e6)).toBeCloseTo(90.7685, 3);
    expect(pathLossDb(hata('urban'), 3, 868e6)).toBeCloseTo(freeSpaceLossDb(3, 868e6), 10);
    expect(freeSpaceLossDb(3, 868e6)).toBeCloseTo(40.7606, 3);
    expect(hataLossDb(868, 30, 1.5, 0.003, 'urban')).toBeCloseTo(37.1254, 3);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30000, noNaN: true }), fc.double({ min: 0, max: 30000, noNaN: true }), (a, b) => {
        const [near, far] = a < b ? [a, b] : [b, a];
        for (const env of ['urban', 'suburban', 'rural'] as const) {
          expect(pathLossDb(hata(env), near, 868e6)).toBeLessThanOrEqual(pathLossDb(hata(env), far, 868e6) + 1e-9);
        }
      }),
    );
  });
});

describe('path loss as a function of distance for one model (the link table)', () => {
  it('gives pathLossDb to the bit for every model, environment, height, carrier and distance', () => {
    const model = fc.oneof(
      fc.record({
        model: fc.constant('okumura-hata' as const),
        frequencyMHz: fc.option(fc.double({ min: 150, max: 1500, noNaN: true }), { nil: null }),
        gatewayHeightM: fc.double({ min: 1, max: 200, noNaN: true }),
        deviceHeightM: fc.double({ min: 0.5, max: 10, noNaN: true }),
        environment: fc.constantFrom('urban' as const, 'suburban' as const, 'rural' as const),
      }),
      fc.record({
        model: fc.constant('log-distance' as const),
        d0M: fc.double({ min: 1, max: 1000, noNaN: true }),
        pl0Db: fc.double({ min: 20, max: 140, noNaN: true }),
        gamma: fc.double({ min: 1.5, max: 5, noNaN: true }),
      }),
    );
    // distances on both sides of the 1 m clamp and of Hata's 1 km free-space floor
    const distances = fc.array(fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 3000, noNaN: true }), fc.double({ min: 0, max: 60000, noNaN: true })), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(model, fc.double({ min: 137e6, max: 1020e6, noNaN: true }), distances, (m, freqHz, ds) => {
        const at = pathLossFunction(m, freqHz);
        for (const d of ds) expect(Object.is(at(d), pathLossDb(m, d, freqHz))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
