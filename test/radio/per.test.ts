import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadSymbols } from '../../src/radio/airtime.js';
import { frameErrorRate, frameSymbols, PER_TABLE_MAX_DB, PER_TABLE_MIN_DB, PerTable, snrForFrameErrorRate, successAt } from '../../src/radio/per.js';
import { symbolErrorRate } from '../../src/radio/ser.js';

describe('frame error rate', () => {
  it('is 1 − (1 − SER)^n, counting the symbols after the preamble', () => {
    const n = frameSymbols(9, 125_000, 33, true);
    expect(n).toBe(payloadSymbols({ sf: 9, bwHz: 125_000, phyPayloadBytes: 33, crc: true, implicitHeader: false, preambleSymbols: 8, codingRate: 1 }));
    const ser = symbolErrorRate(10 ** (-12 / 10), 9);
    expect(frameErrorRate(-12, 9, n)).toBeCloseTo(1 - (1 - ser) ** n, 12);
    expect(frameErrorRate(-10, 9, n, 2)).toBeCloseTo(frameErrorRate(-12, 9, n), 12);
  });

  it('grows with the frame length and falls with SNR', () => {
    fc.assert(fc.property(fc.integer({ min: 7, max: 12 }), fc.integer({ min: 8, max: 300 }), fc.double({ min: -30, max: 0, noNaN: true }), (sf, n, db) => {
      expect(frameErrorRate(db, sf, n + 10)).toBeGreaterThanOrEqual(frameErrorRate(db, sf, n));
      expect(frameErrorRate(db + 0.3, sf, n)).toBeLessThanOrEqual(frameErrorRate(db, sf, n));
    }));
  });

  it('snrForFrameErrorRate inverts it', () => {
    for (const per of [0.01, 0.1, 0.5]) for (const sf of [7, 12]) {
      expect(frameErrorRate(snrForFrameErrorRate(per, sf, 40), sf, 40)).toBeCloseTo(per, 6);
    }
    expect(() => snrForFrameErrorRate(0, 7, 10)).toThrow(RangeError);
  });
});

describe('PerTable', () => {
  const loss = new Float64Array(13).fill(1);
  const t = new PerTable(loss);

  it('interpolates the success probability within 2e-3 of the formula', () => {
    fc.assert(fc.property(fc.integer({ min: 7, max: 12 }), fc.integer({ min: 8, max: 200 }), fc.double({ min: -30, max: 5, noNaN: true }), (sf, n, db) => {
      expect(Math.abs(successAt(t.table(sf, n), db) - (1 - frameErrorRate(db, sf, n, 1)))).toBeLessThan(2e-3);
    }));
  });

  it('clamps outside the grid and reuses a built table', () => {
    const tab = t.table(7, 28);
    expect(successAt(tab, PER_TABLE_MIN_DB - 10)).toBe(tab[0]);
    expect(successAt(tab, PER_TABLE_MAX_DB + 10)).toBe(1);
    expect(successAt(tab, -40)).toBeLessThan(1e-6);
    expect(t.table(7, 28)).toBe(tab);
  });
});
