import { describe, expect, it } from 'vitest';
import { DemodulatorPaths } from '../../src/sim/demodulators.js';
import { arrivalOffsetUs, copiesCombine } from '../../src/radio/simulcast.js';

describe('gateway demodulation paths', () => {
  it('receives at most 8 overlapping frames; the ninth is dropped until a path frees', () => {
    const d = new DemodulatorPaths(2, 8);
    for (let k = 0; k < 8; k++) expect(d.lock(0, 1000 + k, 50_000 + k)).toBe(true);
    expect(d.lock(0, 2000, 3000)).toBe(false);
    expect(d.lostAllBusy[0]).toBe(1);
    expect(d.lock(1, 2000, 3000)).toBe(true); // another gateway has its own paths
    expect(d.busyAt(0, 40_000)).toBe(8);
    expect(d.lock(0, 50_000, 60_000)).toBe(true); // the first path is free at its end
    expect(d.busyAt(0, 50_000)).toBe(8);
    expect(d.busyAt(0, 50_007)).toBe(1);
  });

  it('0 paths means unlimited; negative counts are refused', () => {
    const d = new DemodulatorPaths(1, 0);
    for (let k = 0; k < 100; k++) expect(d.lock(0, 0, 1e6)).toBe(true);
    expect(() => new DemodulatorPaths(1, -1)).toThrow(RangeError);
  });
});

describe('simulcast copies', () => {
  it('combine within one chip of arrival offset (8 µs at 125 kHz, 2 µs at 500 kHz)', () => {
    expect(arrivalOffsetUs(1000, 1000 + 299.792458, 0)).toBeCloseTo(1, 9);
    expect(copiesCombine(arrivalOffsetUs(500, 2500, 0), 125_000)).toBe(true); // 6.7 µs
    expect(copiesCombine(arrivalOffsetUs(500, 3000, 0), 125_000)).toBe(false); // 8.3 µs
    expect(copiesCombine(3, 500_000)).toBe(false);
    expect(copiesCombine(1.9, 500_000)).toBe(true);
    expect(arrivalOffsetUs(0, 0, -5)).toBe(5);
  });
});
