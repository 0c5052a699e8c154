import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParityRowCache } from '../../../src/fuota/ts004/index.js';
import { reduceToLost, sortedIndexOf } from '../../../src/fuota/ts004/reduce.js';

describe('reduceToLost', () => {
  it('marks the same lost columns whichever list it walks, and XORs exactly the received ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (m, n, share) => {
        const rows = new ParityRowCache('v1', m);
        const lost = Uint16Array.from({ length: m }, (_, c) => c).filter((c) => ((c * 2654435761) >>> 0) / 2 ** 32 < share);
        const words = (lost.length + 31) >>> 5;
        const rowsOnly = new Uint32Array(words);
        reduceToLost(rows, n, lost, lost.length, rowsOnly, null, null, 1);
        const withPayload = new Uint32Array(words);
        const data = Uint8Array.from({ length: m }, (_, c) => (c * 37 + 11) & 0xff);
        const rhs = new Uint8Array(1);
        reduceToLost(rows, n, lost, lost.length, withPayload, rhs, data, 1);
        expect(withPayload).toEqual(rowsOnly);
        let expectedRhs = 0;
        for (const c of rows.columns(n)) if (sortedIndexOf(lost, lost.length, c) < 0) expectedRhs ^= data[c];
        expect(rhs[0]).toBe(expectedRhs);
        const marked = [...lost].filter((_, k) => (rowsOnly[k >>> 5] >>> (k & 31)) & 1);
        expect(marked).toEqual([...rows.columns(n)].filter((c) => lost.includes(c)));
      }),
      { numRuns: 200 },
    );
  });

  it('finds values in a sorted list by binary search and -1 for absent ones', () => {
    const list = Uint16Array.of(2, 5, 9, 40, 0);
    expect([2, 5, 9, 40].map((x) => sortedIndexOf(list, 4, x))).toEqual([0, 1, 2, 3]);
    expect([0, 3, 41].map((x) => sortedIndexOf(list, 4, x))).toEqual([-1, -1, -1]);
  });
});
