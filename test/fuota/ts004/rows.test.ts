import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParityRowCache, Ts004Error, bitsToColumns, parityRowBits } from '../../../src/fuota/ts004/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fixtureCases, sharedCases, type EncoderCase } from './cases.js';

function rowString(cache: ParityRowCache, n: number): string {
  const chars = new Array<string>(cache.nbFrag).fill('0');
  for (const c of cache.columns(n)) chars[c] = '1';
  return chars.join('');
}

function checkWeights(c: EncoderCase): void {
  for (const variant of ['v1', 'v2'] as const) {
    const cache = new ParityRowCache(variant, c.nbFrag);
    const weights = c.variants[variant].parityRowWeights.map((_, k) => cache.weight(k + 1));
    expect(weights).toEqual(c.variants[variant].parityRowWeights);
  }
}

describe('parity rows', () => {
  it('reproduce the ChirpStack unit-test rows matrix_line(1, 10) and matrix_line(2, 10)', () => {
    const cache = new ParityRowCache('v1', 10);
    expect(rowString(cache, 1)).toBe('0010010000');
    expect(rowString(cache, 2)).toBe('1010110001');
  });

  it('are empty for M = 1 and select exactly one fragment for M = 2', () => {
    expect(new ParityRowCache('v1', 1).weight(7)).toBe(0);
    for (let n = 1; n <= 20; n++) expect(new ParityRowCache('v2', 2).weight(n)).toBe(1);
  });

  it('have at most floor(M/2) ones in v1 and exactly floor(M/2) in v2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 200 }), (m, n) => {
        expect(new ParityRowCache('v1', m).weight(n)).toBeLessThanOrEqual(m >>> 1);
        expect(new ParityRowCache('v2', m).weight(n)).toBe(m >>> 1);
      }),
      { numRuns: 60 },
    );
  });

  it('list their set columns in increasing order, matching the bitset', () => {
    const bits = parityRowBits('v1', 3, 100);
    const cols = bitsToColumns(bits);
    expect([...cols]).toEqual([...cols].sort((a, b) => a - b));
    for (let c = 0; c < 100; c++) expect(cols.includes(c)).toBe(((bits[c >>> 5] >>> (c & 31)) & 1) === 1);
  });

  it('are computed once per n and shared: the cache returns the same arrays', () => {
    const cache = new ParityRowCache('v2', 64);
    expect(cache.bits(5)).toBe(cache.bits(5));
    expect(cache.columns(5)).toBe(cache.columns(5));
    expect(cache.cachedBytes()).toBe(8 + 2 * 32);
  });

  it('reject n outside 1..16383-M, M outside 1..16383 and unknown variants', () => {
    expect(() => new ParityRowCache('v1', 100).bits(0)).toThrow(Ts004Error);
    expect(() => new ParityRowCache('v1', 100).bits(16284)).toThrow(Ts004Error);
    expect(() => new ParityRowCache('v1', 0)).toThrow(Ts004Error);
    expect(() => new ParityRowCache('v3' as 'v1', 10)).toThrow(Ts004Error);
  });

  it('give the known row weights of every fixture case', () => {
    for (const c of fixtureCases().encoder) checkWeights(c);
  });
});

describeShared('parity rows against the shared encoder vectors', () => {
  const cases = sharedCases()?.encoder ?? [];
  it.each(cases.map((c) => [c.id, c] as const))('%s: every listed v1 and v2 row is bit-exact', (_id, c) => {
    for (const variant of ['v1', 'v2'] as const) {
      const cache = new ParityRowCache(variant, c.nbFrag);
      const rows = c.variants[variant].parityRows ?? [];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((_, k) => rowString(cache, k + 1))).toEqual(rows);
    }
    checkWeights(c);
  });
});
