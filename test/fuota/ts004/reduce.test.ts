import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParityRowCache } from '../../../src/fuota/ts004/index.js';
import { gatherLost, gatherLostRows, reduceWithPayload, sortedIndexOf } from '../../../src/fuota/ts004/reduce.js';
import { transpose32 } from '../../../src/fuota/ts004/rows.js';

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

describe('batched reduction of coded rows to the lost columns', () => {
  it('writes, row for row, what gatherLost writes: any M, lost set, rows in any order, across blocks and up to the last valid row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 700 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
        fc.array(fc.nat(), { minLength: 1, maxLength: 90 }),
        fc.boolean(),
        (m, share, variant, picks, nearEnd) => {
          const rows = new ParityRowCache(variant, m);
          const lost = Uint16Array.from({ length: m }, (_, c) => c).filter((c) => ((c * 2654435761) >>> 0) / 2 ** 32 < share);
          const maxIndex = 16383 - m;
          // coded indices spread over a few blocks, or packed against the last valid index
          const indices = Uint16Array.from(picks, (x) => (nearEnd ? maxIndex - (x % 70) : 1 + (x % 200)));
          const words = (lost.length + 31) >>> 5;
          const out = new Uint32Array(indices.length * words + 3).fill(0xa5a5a5a5);
          gatherLostRows(rows, indices, indices.length, lost, lost.length, out);
          const v = new Uint32Array(words);
          for (let i = 0; i < indices.length; i++) {
            gatherLost(rows, indices[i], lost, lost.length, v);
            expect(out.subarray(i * words, (i + 1) * words)).toEqual(v);
          }
          // nothing past the batch is written
          expect([...out.subarray(indices.length * words)]).toEqual([0xa5a5a5a5, 0xa5a5a5a5, 0xa5a5a5a5]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads only the blocks that hold a row of the batch, however far apart: the first and last valid rows together', () => {
    const m = 300;
    const rows = new ParityRowCache('v1', m);
    const lost = Uint16Array.from({ length: 45 }, (_, k) => 3 + k * 6);
    const indices = Uint16Array.of(1, 16383 - m, 40, 16383 - m - 100, 2);
    const out = new Uint32Array(indices.length * 2);
    gatherLostRows(rows, indices, indices.length, lost, lost.length, out);
    const v = new Uint32Array(2);
    indices.forEach((n, i) => {
      gatherLost(rows, n, lost, lost.length, v);
      expect([out[2 * i], out[2 * i + 1]]).toEqual([v[0], v[1]]);
    });
    // four blocks of 32 rows read (128 rows), not the 508 blocks in between
    expect(rows.cachedBytes()).toBeLessThan(2 * 128 * 40 + 4 * 32 * 40 + 5 * 300 * 2);
  });

  it('reads each row from the column blocks: block b, word c, bit j is bit c of row 32b + 1 + j', () => {
    const m = 77;
    const rows = new ParityRowCache('v2', m);
    const block = rows.columnBlock(1);
    for (let c = 0; c < m; c++) {
      for (let j = 0; j < 32; j++) {
        const bit = (rows.bits(33 + j)[c >>> 5] >>> (c & 31)) & 1;
        expect((block[c] >>> j) & 1).toBe(bit);
      }
    }
    // the last block stops at the last valid coded index, 16383 - M: the rows past it are zero
    const last = Math.floor((16383 - m - 1) / 32);
    const valid = 16383 - m - 32 * last;
    const tail = rows.columnBlock(last);
    expect(valid).toBeLessThan(32);
    for (let c = 0; c < m; c++) expect(tail[c] >>> valid).toBe(0);
    expect(tail.some((w) => w !== 0)).toBe(true);
  });
});

describe('32 x 32 bit transpose', () => {
  it('moves bit j of word i to bit i of word j, and twice gives the matrix back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 34, maxLength: 34 }), (ws) => {
        const a = Uint32Array.from(ws);
        const t = a.slice();
        transpose32(t, 1);
        expect(t[0]).toBe(a[0]);
        expect(t[33]).toBe(a[33]);
        for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) expect((t[1 + j] >>> i) & 1).toBe((a[1 + i] >>> j) & 1);
        transpose32(t, 1);
        expect(t).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});
