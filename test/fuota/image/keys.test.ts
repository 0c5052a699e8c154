import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyError } from '../../../src/fuota/image/errors.js';
import {
  deriveSigningKeys, keyAlgorithm, loadSigningKeys, signingKeysFor, signingKeysFromPem,
} from '../../../src/fuota/image/keys.js';
import { readFixture } from '../../helpers/shared.js';

interface KeyFixture {
  keys: { seeds: Record<string, { ed25519Public: string; p256D: string; p256X: string; p256Y: string }> };
}
const fx = readFixture<KeyFixture>('image-known-answers.json').keys.seeds;
const jwkHex = (key: KeyObject, field: 'x' | 'y' | 'd'): string =>
  Buffer.from(key.export({ format: 'jwk' })[field] as string, 'base64url').toString('hex');
const spki = (key: KeyObject): string => key.export({ format: 'der', type: 'spki' }).toString('hex');

describe('deriveSigningKeys', () => {
  it.each(Object.keys(fx))('gives the known Ed25519 and P-256 keys for seed %s (checked against an independent implementation)', (seed) => {
    const ed = deriveSigningKeys('ed25519', Number(seed));
    expect(jwkHex(ed.publicKey, 'x')).toBe(fx[seed].ed25519Public);
    const ec = deriveSigningKeys('ecdsa-p256', Number(seed));
    expect(jwkHex(ec.privateKey, 'd')).toBe(fx[seed].p256D);
    expect(jwkHex(ec.publicKey, 'x')).toBe(fx[seed].p256X);
    expect(jwkHex(ec.publicKey, 'y')).toBe(fx[seed].p256Y);
  });

  it('is identical for the same seed and differs for another seed', () => {
    for (const alg of ['ed25519', 'ecdsa-p256'] as const) {
      const a = deriveSigningKeys(alg, 7);
      const b = deriveSigningKeys(alg, 7);
      const c = deriveSigningKeys(alg, 8);
      expect(spki(a.publicKey)).toBe(spki(b.publicKey));
      expect(a.privateKey.export({ format: 'der', type: 'pkcs8' })).toEqual(b.privateKey.export({ format: 'der', type: 'pkcs8' }));
      expect(spki(a.publicKey)).not.toBe(spki(c.publicKey));
      expect(a.algorithm).toBe(alg);
      expect(keyAlgorithm(a.privateKey)).toBe(alg);
      expect(a.publicKey.type).toBe('public');
    }
  });

  it('keeps the P-256 scalar inside [1, n − 1] and gives a usable key for many seeds', () => {
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    for (let seed = 0; seed < 20; seed++) {
      const d = BigInt('0x' + jwkHex(deriveSigningKeys('ecdsa-p256', seed).privateKey, 'd'));
      expect(d >= 1n && d < n).toBe(true);
    }
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => deriveSigningKeys('ed25519', Number.NaN)).toThrow(KeyError);
  });
});

describe('keys from PEM files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuota-keys-'));
  const pemOf = (k: KeyObject, type: 'pkcs8' | 'sec1'): string => k.export({ format: 'pem', type } as never) as string;

  it('loads PKCS#8 Ed25519 and SEC1 P-256 private keys with their public keys', () => {
    const ed = generateKeyPairSync('ed25519');
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(join(dir, 'ed.pem'), pemOf(ed.privateKey, 'pkcs8'));
    writeFileSync(join(dir, 'ec.pem'), pemOf(ec.privateKey, 'sec1'));
    expect(spki(loadSigningKeys('ed25519', join(dir, 'ed.pem')).publicKey)).toBe(spki(ed.publicKey));
    expect(spki(loadSigningKeys('ecdsa-p256', join(dir, 'ec.pem')).publicKey)).toBe(spki(ec.publicKey));
    expect(spki(signingKeysFor('ed25519', join(dir, 'ed.pem'), 1)!.publicKey)).toBe(spki(ed.publicKey));
  });

  it('refuses a key of the wrong kind or curve, a non-key and a missing file with a KeyError naming the file', () => {
    const ed = generateKeyPairSync('ed25519');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(() => signingKeysFromPem('ecdsa-p256', pemOf(ed.privateKey, 'pkcs8'), 'ed.pem')).toThrow(/ed.pem: a key of type ed25519 cannot sign ecdsa-p256/);
    expect(() => signingKeysFromPem('ecdsa-p256', pemOf(p384.privateKey, 'pkcs8'), 'p384.pem')).toThrow(/curve secp384r1/);
    expect(() => signingKeysFromPem('ed25519', 'not a key', 'junk.pem')).toThrow(KeyError);
    expect(() => loadSigningKeys('ed25519', join(dir, 'missing.pem'))).toThrow(/missing.pem: cannot read/);
  });
});

describe('signingKeysFor', () => {
  it('gives no keys for "none" and seed-derived keys without a file', () => {
    expect(signingKeysFor('none', null, 1)).toBeNull();
    expect(spki(signingKeysFor('ecdsa-p256', null, 42)!.publicKey)).toBe(spki(deriveSigningKeys('ecdsa-p256', 42).publicKey));
  });
});
