import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, upperBound } from '../../src/engine/sorted.js';

describe('binary searches in ascending arrays', () => {
  it('find the first entry at or after (lowerBound) and after (upperBound) a value', () => {
    const a = Float64Array.from([1, 3, 3, 7]);
    expect([0, 1, 2, 3, 7, 8].map((x) => lowerBound(a, x))).toEqual([0, 0, 1, 1, 3, 4]);
    expect([0, 1, 2, 3, 7, 8].map((x) => upperBound(a, x))).toEqual([0, 1, 1, 3, 4, 4]);
  });

  it('search only the first n entries of a partly used array', () => {
    const a = Float64Array.from([1, 3, 5, 0, 0]); // 2 spare slots
    expect(lowerBound(a, 4, 3)).toBe(2);
    expect(lowerBound(a, 6, 3)).toBe(3);
    expect(upperBound(a, 5, 3)).toBe(3);
    expect(upperBound(a, 0, 3)).toBe(0);
  });

  it('agree with a linear scan on any sorted array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }), fc.integer({ min: -60, max: 60 }), (raw, x) => {
        const a = [...raw].sort((p, q) => p - q);
        const first = a.findIndex((v) => v >= x);
        const after = a.findIndex((v) => v > x);
        expect(lowerBound(a, x)).toBe(first === -1 ? a.length : first);
        expect(upperBound(a, x)).toBe(after === -1 ? a.length : after);
      }),
    );
  });
});
