import { describe, expect, it } from 'vitest';
import { TriangularGf2 } from '../../../src/fuota/ts004/elimination.js';

/** Loads the bits of `row` (a string, column 0 first) into the system's scratch vector. */
function load(system: TriangularGf2, row: string): void {
  for (let k = 0; k < row.length; k++) if (row[k] === '1') system.v[k >>> 5] |= 1 << (k & 31);
}

describe('TriangularGf2', () => {
  it('counts the rank of GF(2) rows and discards dependent ones', () => {
    const s = new TriangularGf2(3, null);
    load(s, '110');
    expect(s.insert(null)).toBe(true);
    load(s, '011');
    expect(s.insert(null)).toBe(true);
    load(s, '101'); // = 110 xor 011
    expect(s.insert(null)).toBe(false);
    expect(s.v.every((w) => w === 0)).toBe(true);
    expect(s.complete).toBe(false);
    load(s, '001');
    expect(s.insert(null)).toBe(true);
    expect([s.rank, s.complete]).toEqual([3, true]);
  });

  it('solves for the lost fragments in their own data slots', () => {
    // lost fragments are uncoded fragments 2, 0 and 1 (columns of the data store), one word each
    const data = new Uint32Array(3);
    const s = new TriangularGf2(3, { data, lost: Uint16Array.of(2, 0, 1), slotWords: 1 });
    const x = [0x11223344, 0x22, 0xdeadbeef]; // unknown k = data of lost fragment k
    const equations: [string, number][] = [
      ['111', x[0] ^ x[1] ^ x[2]],
      ['011', x[1] ^ x[2]],
      ['010', x[1]],
    ];
    for (const [row, rhs] of equations) {
      load(s, row);
      s.insert(Uint32Array.of(rhs));
    }
    s.backSubstitute();
    expect([data[2], data[0], data[1]]).toEqual(x);
  });

  it('stores the matrix triangularly: 33 lost columns need 33 * 2 - 1 words', () => {
    const s = new TriangularGf2(33, null);
    expect(s.bytes()).toBe(4 * (65 + 2 + 2));
  });
});
