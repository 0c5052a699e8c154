import { describe, expect, it } from 'vitest';
import { Ts004Error, aes128EncryptBlock, aesCmac, fromHex, toHex } from '../../../src/fuota/ts004/index.js';

// RFC 4493 section 4 examples
const KEY = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const MESSAGE = fromHex(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
);

describe('aesCmac', () => {
  it('matches the four RFC 4493 examples (0, 16, 40 and 64 bytes)', () => {
    expect(toHex(aesCmac(KEY, MESSAGE.subarray(0, 0)))).toBe('bb1d6929e95937287fa37d129b756746');
    expect(toHex(aesCmac(KEY, MESSAGE.subarray(0, 16)))).toBe('070a16b46b4d4144f79bdd9dd04a287c');
    expect(toHex(aesCmac(KEY, MESSAGE.subarray(0, 40)))).toBe('dfa66747de9ae63030ca32611497c827');
    expect(toHex(aesCmac(KEY, MESSAGE))).toBe('51f0bebf7e3b9d92fc49741779363cfe');
  });

  it('uses the RFC 4493 AES-128 block: AES(K, 0) = 7df76b0c1ab899b33e42f047b91b546f', () => {
    expect(toHex(aes128EncryptBlock(KEY, new Uint8Array(16)))).toBe('7df76b0c1ab899b33e42f047b91b546f');
  });

  it('rejects keys that are not 16 bytes', () => {
    expect(() => aesCmac(new Uint8Array(15), new Uint8Array(1))).toThrow(Ts004Error);
  });
});
