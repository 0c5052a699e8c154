import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ts004FormatError, fromHex, toHex } from '../../../src/fuota/ts004/index.js';

describe('hex helpers', () => {
  it('round-trip any bytes, upper or lower case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromHex(toHex(bytes).toUpperCase())).toEqual(bytes);
      }),
    );
  });

  it('reject odd lengths and non-hex characters instead of silently truncating', () => {
    for (const bad of ['abc', '0g', 'zz', ' 00', '0x00']) expect(() => fromHex(bad)).toThrow(Ts004FormatError);
  });

  it('write a view of a larger buffer without its neighbours', () => {
    const big = Uint8Array.of(1, 2, 3, 4);
    expect(toHex(big.subarray(1, 3))).toBe('0203');
  });
});
