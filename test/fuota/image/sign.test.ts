import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyError } from '../../../src/fuota/image/errors.js';
import { deriveSigningKeys } from '../../../src/fuota/image/keys.js';
import { SIGNATURE_BYTES, signImage, verifyImage } from '../../../src/fuota/image/sign.js';
import { toHex } from '../../../src/fuota/ts004/hex.js';

const msg = new Uint8Array(Buffer.from('firmware image bytes'));

describe('signImage and verifyImage', () => {
  it.each(['ecdsa-p256', 'ed25519'] as const)('round-trip %s with a fixed 64-byte signature, and reject any change', (alg) => {
    const keys = deriveSigningKeys(alg, 3);
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, mask) => {
      const sig = signImage(bytes, alg, keys.privateKey);
      expect(sig.length).toBe(SIGNATURE_BYTES[alg]);
      expect(verifyImage(bytes, sig, alg, keys.publicKey)).toBe(true);
      const tampered = bytes.slice();
      tampered[at % bytes.length] ^= mask;
      expect(verifyImage(tampered, sig, alg, keys.publicKey)).toBe(false);
      const badSig = sig.slice();
      badSig[at % sig.length] ^= mask;
      expect(verifyImage(bytes, badSig, alg, keys.publicKey)).toBe(false);
    }), { numRuns: 40 });
  });

  it('gives the same Ed25519 signature every time and ECDSA signatures that differ but all verify', () => {
    const ed = deriveSigningKeys('ed25519', 1);
    expect(toHex(signImage(msg, 'ed25519', ed.privateKey))).toBe(toHex(signImage(msg, 'ed25519', ed.privateKey)));
    const ec = deriveSigningKeys('ecdsa-p256', 1);
    const a = signImage(msg, 'ecdsa-p256', ec.privateKey);
    const b = signImage(msg, 'ecdsa-p256', ec.privateKey);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(a.length).toBe(b.length);
    expect(verifyImage(msg, a, 'ecdsa-p256', ec.publicKey) && verifyImage(msg, b, 'ecdsa-p256', ec.publicKey)).toBe(true);
  });

  it('rejects a signature under another key, another algorithm, a wrong length or no key', () => {
    const ed = deriveSigningKeys('ed25519', 1);
    const other = deriveSigningKeys('ed25519', 2);
    const ec = deriveSigningKeys('ecdsa-p256', 1);
    const sig = signImage(msg, 'ed25519', ed.privateKey);
    expect(verifyImage(msg, sig, 'ed25519', other.publicKey)).toBe(false);
    expect(verifyImage(msg, sig, 'ecdsa-p256', ec.publicKey)).toBe(false);
    expect(verifyImage(msg, sig, 'ed25519', ec.publicKey)).toBe(false);
    expect(verifyImage(msg, sig.subarray(0, 63), 'ed25519', ed.publicKey)).toBe(false);
    expect(verifyImage(msg, sig, 'ed25519', null)).toBe(false);
    expect(verifyImage(msg, new Uint8Array(64), 'ecdsa-p256', ec.publicKey)).toBe(false); // r = s = 0
  });

  it('treats "none" as the empty signature', () => {
    expect(signImage(msg, 'none', null).length).toBe(0);
    expect(verifyImage(msg, new Uint8Array(0), 'none', null)).toBe(true);
    expect(verifyImage(msg, new Uint8Array(1), 'none', null)).toBe(false);
  });

  it('refuses to sign with a missing, public or mismatched key', () => {
    const ed = deriveSigningKeys('ed25519', 1);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signImage(msg, 'ed25519', null)).toThrow(KeyError);
    expect(() => signImage(msg, 'ed25519', ed.publicKey)).toThrow(KeyError);
    expect(() => signImage(msg, 'ecdsa-p256', ed.privateKey)).toThrow(KeyError);
    expect(() => signImage(msg, 'ecdsa-p256', rsa.privateKey)).toThrow(KeyError);
  });
});
