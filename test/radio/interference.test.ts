import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeShared, readFixture } from '../helpers/shared.js';
import {
  CAPTURE_THRESHOLD_DB, captureVerdictMw, frequenciesCollide, ISOLATION_DB, isolationDb, SIR_EPSILON_DB, SURE_CAPTURE_LOSS_RATIO, survivesInterference,
  survivesInterferenceEnergy, survivesInterferenceMw, VERDICT_FAILS_SURELY,
} from '../../src/radio/interference.js';
import { firstTable, numbersIn, referenceSheet, section } from './reference-tables.js';

const matrix = readFixture<number[][]>('radio-isolation.json');
const SFS = [7, 8, 9, 10, 11, 12];
const one = (dbm: number, sf: number) => survivesInterference(0, 9, [dbm], [sf], 1);
/** Whether the signal is lost for sure against these interferers (mW) */
/** Interferers, one to three spreading factors: `exact`, a few units in the last place from a point; else a random distance from it. */
const nearBounds = fc.array(
  fc.record({ sf: fc.constantFrom(...SFS), step: fc.constantFrom(0, 1, -1, 2, -2, 8, -8, 1e3, -1e3), db: fc.double({ min: -12, max: 12, noNaN: true }), exact: fc.boolean() }),
  { minLength: 1, maxLength: 3 },
);
type NearBound = { sf: number; step: number; db: number; exact: boolean };

/** Each interferer's mW placed around its point: the dB comparison's turning point (the isolation bound moved by SIR_EPSILON_DB) times `scale`. */
function placeNearBounds(sigDbm: number, sf: number, parts: NearBound[], scale: number): { mw: number[]; sfs: number[] } {
  const mw: number[] = [];
  const sfs: number[] = [];
  for (const p of parts) {
    const bound = Math.pow(10, (sigDbm + SIR_EPSILON_DB - isolationDb(sf, p.sf)) / 10) * scale;
    mw.push(p.exact ? bound * (1 + p.step * Number.EPSILON) : bound * Math.pow(10, p.db / 10));
    sfs.push(p.sf);
  }
  return { mw, sfs };
}

const failsSurely = (sigDbm: number, sf: number, mw: number[], sfs: number[], sigMw: number) =>
  captureVerdictMw(sigDbm, sf, mw, sfs, mw.length, sigMw) === VERDICT_FAILS_SURELY;

describe('inter-SF isolation matrix', () => {
  it('matches the Goursaud / ns-3 values cell by cell', () => {
    for (const [i, s] of SFS.entries()) for (const [j, f] of SFS.entries()) {
      expect(isolationDb(s, f), `signal SF${s}, interferer SF${f}`).toBe(matrix[i][j]);
    }
  });

  it('has the 6 dB capture threshold on the diagonal and is frozen', () => {
    for (const sf of SFS) expect(isolationDb(sf, sf)).toBe(CAPTURE_THRESHOLD_DB);
    expect(Object.isFrozen(ISOLATION_DB) && Object.isFrozen(ISOLATION_DB[0])).toBe(true);
  });

  it('rejects spreading factors outside 7..12', () => {
    expect(() => isolationDb(6, 7)).toThrow(RangeError);
    expect(() => survivesInterference(0, 9, [-10], [5], 1)).toThrow(RangeError);
  });
});

describe('survivesInterference (power model)', () => {
  it('lets a co-SF signal survive at exactly 6 dB SIR but not at 5.9 dB', () => {
    expect(one(-6, 9)).toBe(true);
    expect(one(-5.9, 9)).toBe(false);
    expect(survivesInterference(-117.3, 12, [-123.3], [12], 1)).toBe(true);
    expect(survivesInterference(-117.3, 12, [-123.2], [12], 1)).toBe(false);
  });

  it('survives with no interferers, and ignores entries beyond count', () => {
    expect(survivesInterference(-130, 9, [], [], 0)).toBe(true);
    expect(survivesInterference(-130, 9, [0, -140], [9, 9], 0)).toBe(true);
    expect(survivesInterference(-130, 9, [-140, 0], [9, 9], 1)).toBe(true);
  });

  it('sums interferers of one SF linearly: two at −9 dB make −5.99 dB and kill a co-SF signal', () => {
    expect(survivesInterference(0, 9, [-9, -9], [9, 9], 2)).toBe(false);
    expect(survivesInterference(0, 9, [-9.1, -9.1], [9, 9], 2)).toBe(true);
  });

  it('checks each interfering SF separately against its own threshold', () => {
    // SF9 signal vs SF7 needs SIR ≥ −27 dB; vs SF12 ≥ −25 dB.
    expect(one(27, 7)).toBe(true);
    expect(one(27.1, 7)).toBe(false);
    expect(one(25, 12)).toBe(true);
    expect(one(25.1, 12)).toBe(false);
    // Interferers at different SFs do not add up: each is just within its own limit.
    expect(survivesInterference(0, 9, [27, 25, -6], [7, 12, 9], 3)).toBe(true);
    expect(survivesInterference(0, 9, [27, 25, -5.9], [7, 12, 9], 3)).toBe(false);
  });

  it('agrees with the rule written directly in dB for any single interferer', () => {
    fc.assert(fc.property(
      fc.integer({ min: 7, max: 12 }), fc.integer({ min: 7, max: 12 }),
      fc.double({ min: -140, max: -40, noNaN: true }), fc.double({ min: -60, max: 60, noNaN: true }),
      (s, f, sig, sirDb) => {
        fc.pre(Math.abs(sirDb - isolationDb(s, f)) > 1e-6);
        expect(survivesInterference(sig, s, [sig - sirDb], [f], 1)).toBe(sirDb >= isolationDb(s, f));
      },
    ));
  });
});

describe('SURE_CAPTURE_LOSS_RATIO: a co-SF sum past it loses the frame', () => {
  it('whatever the signal, the split of that sum into terms and the other terms added', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -150, max: 20, noNaN: true }),
        fc.integer({ min: 7, max: 12 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.double({ min: -200, max: 0, noNaN: true }), fc.integer({ min: 7, max: 12 })), { maxLength: 8 }),
        (sigDbm, sf, shares, others) => {
          // co-SF terms that sum, in this order, past the signal's mW × the ratio
          const lostAbove = Math.pow(10, sigDbm / 10) * SURE_CAPTURE_LOSS_RATIO;
          const total = shares.reduce((a, b) => a + b, 0);
          const mw = shares.map((x) => (x / total) * lostAbove * (1 + 1e-12));
          let sum = 0;
          for (const v of mw) sum += v;
          fc.pre(sum > lostAbove);
          const sfs = mw.map(() => sf);
          for (const [dbm, osf] of others) {
            mw.push(Math.pow(10, (sigDbm + dbm) / 10));
            sfs.push(osf);
          }
          expect(survivesInterferenceMw(sigDbm, sf, mw, sfs, mw.length)).toBe(false);
        },
      ),
    );
  });

  it('answers the same with the signal\'s mW given (comparisons in mW) as with the dB comparisons, at and around every bound', () => {
    // interferer sums placed exactly at, and a few units in the last place around, the point where
    // each dB comparison turns (the isolation bound moved by SIR_EPSILON_DB), and at random distances
    // from it; one to three spreading factors at a time
    fc.assert(
      fc.property(
        fc.double({ min: -150, max: 30, noNaN: true }),
        fc.constantFrom(...SFS),
        nearBounds,
        (sigDbm, sf, parts) => {
          const { mw, sfs } = placeNearBounds(sigDbm, sf, parts, 1);
          const inDb = survivesInterferenceMw(sigDbm, sf, mw, sfs, mw.length);
          expect(survivesInterferenceMw(sigDbm, sf, mw, sfs, mw.length, Math.pow(10, sigDbm / 10))).toBe(inDb);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('a sure failure fails, and fails again with interferers added anywhere in the list, near the bounds too', () => {
    // sums placed at and a few units in the last place around each bound's band edge, and at random
    // distances; then interferers inserted at random places (a supersequence per spreading factor)
    let sure = 0;
    fc.assert(
      fc.property(
        fc.double({ min: -150, max: 30, noNaN: true }),
        fc.constantFrom(...SFS),
        nearBounds,
        fc.array(fc.record({ at: fc.nat(), sf: fc.constantFrom(...SFS), db: fc.double({ min: -60, max: 10, noNaN: true }) }), { maxLength: 4 }),
        (sigDbm, sf, parts, extra) => {
          const sigMw = Math.pow(10, sigDbm / 10);
          const { mw, sfs } = placeNearBounds(sigDbm, sf, parts, 1 + 1e-9);
          if (!failsSurely(sigDbm, sf, mw, sfs, sigMw)) return;
          sure++;
          expect(survivesInterferenceMw(sigDbm, sf, mw, sfs, mw.length, sigMw)).toBe(false);
          expect(survivesInterferenceMw(sigDbm, sf, mw, sfs, mw.length)).toBe(false);
          const more = mw.slice();
          const moreSfs = sfs.slice();
          for (const e of extra) {
            const at = e.at % (more.length + 1);
            more.splice(at, 0, Math.pow(10, (sigDbm + e.db) / 10));
            moreSfs.splice(at, 0, e.sf);
          }
          expect(failsSurely(sigDbm, sf, more, moreSfs, sigMw)).toBe(true);
          expect(survivesInterferenceMw(sigDbm, sf, more, moreSfs, more.length, sigMw)).toBe(false);
        },
      ),
      { numRuns: 20000 },
    );
    expect(sure).toBeGreaterThan(2000);
  });

  it('is not sure of a failure the dB comparison decides inside its band, nor without the signal\'s mW', () => {
    const sig = -97.3;
    const sigMw = Math.pow(10, sig / 10);
    const bound = Math.pow(10, (sig + SIR_EPSILON_DB - CAPTURE_THRESHOLD_DB) / 10);
    // past the band edge: sure; inside the band (the dB form decides): a failure, not a sure one
    expect(failsSurely(sig, 9, [bound * (1 + 2e-9)], [9], sigMw)).toBe(true);
    expect(failsSurely(sig, 9, [bound * (1 + 5e-10)], [9], sigMw)).toBe(false);
    expect(failsSurely(sig, 9, [bound * (1 + 2e-9)], [9], NaN)).toBe(false);
    expect(failsSurely(sig, 9, [bound * 0.5, bound * 0.5 * (1 + 3e-9)], [9, 9], sigMw)).toBe(true);
  });

  it('decides in mW where the dB comparisons do, on both sides of a bound and at it', () => {
    const sig = -97.3;
    const at = Math.pow(10, (sig - CAPTURE_THRESHOLD_DB) / 10);
    const sigMw = Math.pow(10, sig / 10);
    for (const [sum, expected] of [[at, true], [at * (1 - 1e-7), true], [at * (1 + 1e-7), false], [at * 0.5, true], [at * 2, false]] as const) {
      expect(survivesInterferenceMw(sig, 9, [sum], [9], 1, sigMw)).toBe(expected);
      expect(survivesInterferenceMw(sig, 9, [sum], [9], 1)).toBe(expected);
    }
  });

  it('lies 4.3e-6 dB past the capture threshold: a sum at the threshold itself survives', () => {
    expect(10 * Math.log10(SURE_CAPTURE_LOSS_RATIO)).toBeCloseTo(-CAPTURE_THRESHOLD_DB + 4.34e-6, 8);
    for (const sig of [-130, -97.3, -60, 14]) {
      expect(survivesInterferenceMw(sig, 9, [Math.pow(10, (sig - CAPTURE_THRESHOLD_DB) / 10)], [9], 1)).toBe(true);
    }
  });
});

describe('survivesInterferenceEnergy (ns-3 energy model)', () => {
  it('equals the power model when every interferer overlaps the whole signal', () => {
    expect(survivesInterferenceEnergy(0, 9, 1000, [-6], [9], [1000], 1)).toBe(true);
    expect(survivesInterferenceEnergy(0, 9, 1000, [-5.9], [9], [1000], 1)).toBe(false);
    expect(survivesInterferenceEnergy(0, 9, 1000, [-5.9], [9], [5000], 1)).toBe(false);
  });

  it('weights each interferer by its overlap share: a 0 dB interferer over a quarter is −6.02 dB', () => {
    expect(survivesInterferenceEnergy(0, 9, 4000, [0], [9], [1000], 1)).toBe(true);
    expect(survivesInterferenceEnergy(0, 9, 4000, [0], [9], [1100], 1)).toBe(false);
    expect(survivesInterferenceEnergy(0, 9, 4000, [30], [9], [0], 1)).toBe(true);
  });

  it('rejects a non-positive signal duration', () => {
    expect(() => survivesInterferenceEnergy(0, 9, 0, [0], [9], [1], 1)).toThrow(RangeError);
  });
});

describe('frequency overlap rule (LoRaSim)', () => {
  it('makes frames within 30/60/120 kHz at 125/250/500 kHz collide', () => {
    expect(frequenciesCollide(868.1e6, 868.13e6, 125000)).toBe(true);
    expect(frequenciesCollide(868.1e6, 868.131e6, 125000)).toBe(false);
    expect(frequenciesCollide(903.0e6, 903.06e6, 250000)).toBe(true);
    expect(frequenciesCollide(923.3e6, 923.42e6, 500000)).toBe(true);
    expect(frequenciesCollide(923.3e6, 923.421e6, 500000)).toBe(false);
  });
});

describeShared('isolation matrix against the reference sheet (6.3)', () => {
  it('matches the fixture cell by cell', () => {
    const rows = firstTable(section(referenceSheet(), '### 6.3'));
    expect(rows.map((r) => numbersIn(r[0])[0])).toEqual(SFS);
    expect(rows.map((r) => r.slice(1).map((c) => numbersIn(c)[0]))).toEqual(matrix);
  });
});
