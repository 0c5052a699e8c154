import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
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

  it('gives the same signature every time for Ed25519 and for ECDSA (RFC 6979 nonce), each verifying', () => {
    const ed = deriveSigningKeys('ed25519', 1);
    expect(toHex(signImage(msg, 'ed25519', ed.privateKey))).toBe(toHex(signImage(msg, 'ed25519', ed.privateKey)));
    const ec = deriveSigningKeys('ecdsa-p256', 1);
    const a = signImage(msg, 'ecdsa-p256', ec.privateKey);
    const b = signImage(msg, 'ecdsa-p256', ec.privateKey);
    expect(toHex(a)).toBe(toHex(b));
    expect(verifyImage(msg, a, 'ecdsa-p256', ec.publicKey)).toBe(true);
    expect(toHex(signImage(Uint8Array.of(...msg, 0), 'ecdsa-p256', ec.privateKey))).not.toBe(toHex(a));
  });

  it('signs with ECDSA P-256 / SHA-256 exactly as RFC 6979 A.2.5 (messages "sample" and "test")', () => {
    // RFC 6979 appendix A.2.5: private key x, the deterministic k, and the resulting (r, s)
    const jwk = { kty: 'EC', crv: 'P-256', d: Buffer.from('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721', 'hex').toString('base64url'),
      x: Buffer.from('60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6', 'hex').toString('base64url'),
      y: Buffer.from('7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299', 'hex').toString('base64url') };
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    const sample = signImage(new TextEncoder().encode('sample'), 'ecdsa-p256', key);
    expect(toHex(sample)).toBe('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' + 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8');
    const test = signImage(new TextEncoder().encode('test'), 'ecdsa-p256', key);
    expect(toHex(test)).toBe('f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367' + '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083');
    expect(verifyImage(new TextEncoder().encode('test'), test, 'ecdsa-p256', createPublicKey(key))).toBe(true);
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
