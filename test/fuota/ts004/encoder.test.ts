import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ParityRowCache,
  Ts004Error,
  codedFragment,
  crc32,
  encodeFragments,
  padData,
  toHex,
} from '../../../src/fuota/ts004/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fixtureCases, sha256Hex, sharedCases, testData, type EncoderCase } from './cases.js';

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function checkHashes(c: EncoderCase): void {
  const data = testData(c.dataLength);
  expect(sha256Hex(data)).toBe(c.dataSha256);
  expect(crc32(data).toString(16).padStart(8, '0')).toBe(c.dataCrc32);
  expect(sha256Hex(padData(data, c.fragSize))).toBe(c.paddedSha256);
  for (const variant of ['v1', 'v2'] as const) {
    const frags = encodeFragments(data, c.fragSize, c.redundancy, variant);
    expect(frags.map((f) => f.n)).toEqual(Array.from({ length: c.nbFrag + c.redundancy }, (_, k) => k + 1));
    expect(sha256Hex(concat(frags.map((f) => f.data)))).toBe(c.variants[variant].allFragmentsSha256);
  }
}

describe('encodeFragments', () => {
  it('reproduces the ChirpStack unit test: bytes 0..99 in 10-byte fragments, coded N = 11 and N = 20', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const frags = encodeFragments(data, 10, 10, 'v1');
    expect(toHex(frags[10].data)).toBe('262622222e2e22222626');
    expect(toHex(frags[19].data)).toBe('22232425262718190a0b');
  });

  it('sends the uncoded fragments unchanged and pads the last one with zeros', () => {
    const data = testData(25);
    const frags = encodeFragments(data, 10, 0);
    expect(frags.map((f) => toHex(f.data))).toEqual([
      toHex(data.subarray(0, 10)),
      toHex(data.subarray(10, 20)),
      toHex(data.subarray(20, 25)) + '0000000000',
    ]);
  });

  it('makes every coded fragment the XOR of the uncoded fragments its row selects', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom('v1' as const, 'v2' as const),
        (data, size, variant) => {
          const frags = encodeFragments(data, size, 5, variant);
          const m = frags.length - 5;
          const rows = new ParityRowCache(variant, m);
          for (let n = 1; n <= 5; n++) {
            const expected = new Uint8Array(size);
            for (const c of rows.columns(n)) for (let i = 0; i < size; i++) expected[i] ^= frags[c].data[i];
            expect(frags[m + n - 1].data).toEqual(expected);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('produces one coded fragment from its n alone, identical to the full encoding', () => {
    const data = testData(995);
    const padded = padData(data, 50);
    const frags = encodeFragments(data, 50, 10, 'v2');
    expect(codedFragment(padded, 50, 7, 'v2')).toEqual(frags[20 + 6].data);
  });

  it('refuses more than 16383 fragments in total and a mismatched row cache', () => {
    expect(() => encodeFragments(testData(100), 1, 16284)).toThrow(Ts004Error);
    expect(() => codedFragment(new Uint8Array(100), 10, 1, 'v1', new ParityRowCache('v1', 11))).toThrow(/row cache/);
    expect(() => codedFragment(new Uint8Array(95), 10, 1)).toThrow(/whole number/);
  });

  it('matches the known fragment hashes of every fixture case', () => {
    for (const c of fixtureCases().encoder) checkHashes(c);
  });
});

describeShared('encodeFragments against the shared encoder vectors', () => {
  const cases = sharedCases()?.encoder ?? [];
  it.each(cases.map((c) => [c.id, c] as const))('%s: fragments are bit-exact in v1 and v2', (_id, c) => {
    checkHashes(c);
    const data = testData(c.dataLength);
    for (const variant of ['v1', 'v2'] as const) {
      const v = c.variants[variant];
      const frags = encodeFragments(data, c.fragSize, c.redundancy, variant);
      const coded = frags.slice(c.nbFrag);
      expect(coded.map((f) => sha256Hex(f.data))).toEqual(v.codedFragmentsSha256);
      if (v.codedFragmentsHex) expect(coded.map((f) => toHex(f.data))).toEqual(v.codedFragmentsHex);
      if (c.uncodedFragmentsHex) expect(frags.slice(0, c.nbFrag).map((f) => toHex(f.data))).toEqual(c.uncodedFragmentsHex);
    }
  });
});
