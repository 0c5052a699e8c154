import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FRAGMENT_COUNTER, Ts004Error, fragmentPlan, splitSizes } from '../../../src/fuota/ts004/index.js';

describe('fragmentPlan', () => {
  it('cuts the 995-byte interop block into 20 fragments of 50 bytes with 5 padding bytes', () => {
    expect(fragmentPlan(995, 50, 25)).toEqual({ nbFrag: 20, paddingBytes: 5, codedCount: 5, totalCount: 25 });
  });

  it('needs no padding when the length is a multiple of the fragment size', () => {
    expect(fragmentPlan(160, 10, 0)).toEqual({ nbFrag: 16, paddingBytes: 0, codedCount: 0, totalCount: 16 });
  });

  it('rounds the coded count up: 3 fragments at 10 % redundancy get one coded fragment', () => {
    expect(fragmentPlan(30, 10, 10).codedCount).toBe(1);
  });

  it('does not round 1000 fragments at 33.3 % up to 334 because of floating point', () => {
    expect(fragmentPlan(1000, 1, 33.3).codedCount).toBe(333);
  });

  it('accepts exactly 16383 fragments and rejects one more', () => {
    expect(fragmentPlan(16383, 1, 0).totalCount).toBe(MAX_FRAGMENT_COUNTER);
    expect(() => fragmentPlan(16383, 1, 1)).toThrow(/16383/);
    expect(() => splitSizes(16384, 1)).toThrow(Ts004Error);
  });

  it('rejects fragment sizes outside 1..255, empty data and negative redundancy with a Ts004Error', () => {
    for (const size of [0, 256, 1.5, Number.NaN]) expect(() => fragmentPlan(100, size, 10)).toThrow(Ts004Error);
    expect(() => fragmentPlan(0, 10, 10)).toThrow(/data length/);
    expect(() => fragmentPlan(100, 10, -1)).toThrow(/redundancy/);
  });

  it('always satisfies nbFrag * fragSize - padding = dataLength with padding below fragSize', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 255 }), (length, size) => {
        fc.pre(Math.ceil(length / size) <= MAX_FRAGMENT_COUNTER);
        const { nbFrag, paddingBytes } = splitSizes(length, size);
        expect(nbFrag * size - paddingBytes).toBe(length);
        expect(paddingBytes).toBeGreaterThanOrEqual(0);
        expect(paddingBytes).toBeLessThan(size);
      }),
    );
  });
});
