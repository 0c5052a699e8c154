import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParityRowCache } from '../../../src/fuota/ts004/index.js';
import { gatherLost, reduceWithPayload, sortedIndexOf } from '../../../src/fuota/ts004/reduce.js';

describe('reduction of a coded row to the lost columns', () => {
  it('marks the same lost columns in both modes, and XORs exactly the received slots into the right-hand side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
        (m, n, share, variant) => {
          const rows = new ParityRowCache(variant, m);
          const lost = Uint16Array.from({ length: m }, (_, c) => c).filter((c) => ((c * 2654435761) >>> 0) / 2 ** 32 < share);
          const words = (lost.length + 31) >>> 5;
          // rows only: every word is overwritten, whatever was in it
          const rowsOnly = new Uint32Array(words).fill(0xa5a5a5a5);
          gatherLost(rows, n, lost, lost.length, rowsOnly);
          const withPayload = new Uint32Array(words);
          const slotWords = 2;
          const data = Uint32Array.from({ length: m * slotWords }, (_, i) => Math.imul(i + 11, 2654435761) >>> 0);
          const rhs = new Uint32Array(slotWords);
          reduceWithPayload(rows, n, lost, lost.length, withPayload, rhs, data, slotWords);
          expect(withPayload).toEqual(rowsOnly);
          const expectedRhs = new Uint32Array(slotWords);
          for (const c of rows.columns(n)) {
            if (sortedIndexOf(lost, lost.length, c) < 0) for (let w = 0; w < slotWords; w++) expectedRhs[w] ^= data[c * slotWords + w];
          }
          expect(rhs).toEqual(expectedRhs);
          const marked = [...lost].filter((_, k) => (rowsOnly[k >>> 5] >>> (k & 31)) & 1);
          expect(marked).toEqual([...rows.columns(n)].filter((c) => lost.includes(c)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gathers across word boundaries: 70 lost columns, every other one in the row', () => {
    const rows = new ParityRowCache('v1', 200);
    const cols = new Set(rows.columns(3));
    const lost = Uint16Array.from({ length: 70 }, (_, k) => k * 2);
    const v = new Uint32Array(3);
    gatherLost(rows, 3, lost, lost.length, v);
    for (let k = 0; k < 70; k++) expect(((v[k >>> 5] >>> (k & 31)) & 1) === 1).toBe(cols.has(k * 2));
    expect(v[2] >>> 6).toBe(0); // bits beyond L stay clear
  });

  it('finds values in a sorted list by binary search and -1 for absent ones', () => {
    const list = Uint16Array.of(2, 5, 9, 40, 0);
    expect([2, 5, 9, 40].map((x) => sortedIndexOf(list, 4, x))).toEqual([0, 1, 2, 3]);
    expect([0, 3, 41].map((x) => sortedIndexOf(list, 4, x))).toEqual([-1, -1, -1]);
  });
});
