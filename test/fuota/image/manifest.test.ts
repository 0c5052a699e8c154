import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../src/fuota/image/errors.js';
import {
  decodeManifest, descriptorOf, encodeManifest, manifestSizeBytes, signedBytes, type Manifest,
} from '../../../src/fuota/image/manifest.js';
import { toHex } from '../../../src/fuota/ts004/hex.js';

const digest = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const sample: Manifest = {
  kind: 'image', algorithm: 'ed25519', version: '1.4.0', imageSize: 0x010203, bodySize: 0x010203,
  imageSha256: Uint8Array.from({ length: 32 }, (_, i) => i), baseSha256: null, signature: new Uint8Array(64).fill(0xee),
};

const manifestArb: fc.Arbitrary<Manifest> = fc
  .record({
    delta: fc.boolean(),
    algorithm: fc.constantFrom('ecdsa-p256', 'ed25519', 'none') as fc.Arbitrary<Manifest['algorithm']>,
    version: fc.tuple(fc.nat(70000), fc.nat(99), fc.nat(99), fc.constantFrom('', '-rc.1', '-beta.2+exp.sha.5114f85')).map(([a, b, c, s]) => `${a}.${b}.${c}${s}`),
    imageSize: fc.nat(0xffffffff),
    bodySize: fc.nat(0xffffffff),
    imageSha256: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    baseSha256: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    sig: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  })
  .map((r) => ({
    kind: r.delta ? 'delta' : 'image',
    algorithm: r.algorithm,
    version: r.version,
    imageSize: r.imageSize,
    bodySize: r.delta ? r.bodySize : r.imageSize,
    imageSha256: r.imageSha256,
    baseSha256: r.delta ? r.baseSha256 : null,
    signature: r.algorithm === 'none' ? new Uint8Array(0) : r.sig,
  }));

describe('encodeManifest and decodeManifest', () => {
  it('lay out a full-image manifest as documented (magic, format, kind, algorithm, version, sizes LE, digest, signature)', () => {
    const bytes = encodeManifest(sample);
    expect(bytes.length).toBe(48 + 5 + 64);
    expect(toHex(bytes.subarray(0, 21))).toBe('4657494d' + '01' + '00' + '02' + '05' + toHex(Buffer.from('1.4.0')) + '03020100' + '03020100');
    expect(toHex(bytes.subarray(21, 53))).toBe(toHex(sample.imageSha256));
    expect(bytes.subarray(53).every((b) => b === 0xee)).toBe(true);
  });

  it('round-trip any valid manifest, with manifestSizeBytes giving its length', () => {
    fc.assert(fc.property(manifestArb, fc.uint8Array({ maxLength: 20 }), (m, trailing) => {
      const bytes = encodeManifest(m);
      expect(bytes.length).toBe(manifestSizeBytes(m.version, m.algorithm, m.kind));
      const { manifest, length } = decodeManifest(new Uint8Array(Buffer.concat([bytes, trailing])));
      expect(length).toBe(bytes.length);
      expect(manifest).toEqual(m);
    }));
  });

  it.each([
    ['bad magic', (b: Uint8Array) => { b[0] = 0x47; }, /magic/],
    ['unknown format version', (b: Uint8Array) => { b[4] = 2; }, /format version 2/],
    ['unknown kind', (b: Uint8Array) => { b[5] = 7; }, /kind 7/],
    ['unknown algorithm id', (b: Uint8Array) => { b[6] = 9; }, /algorithm id 9/],
    ['version that is not semver', (b: Uint8Array) => { b[9] = 0x78; }, /version/],
    ['body size differing from image size in a full image', (b: Uint8Array) => { b[17] ^= 1; }, /body size/],
  ])('refuse a %s with a ManifestError', (_name, spoil, message) => {
    const bytes = encodeManifest(sample);
    spoil(bytes);
    expect(() => decodeManifest(bytes)).toThrow(ManifestError);
    expect(() => decodeManifest(bytes)).toThrow(message);
  });

  it('refuse every truncation with a ManifestError', () => {
    const bytes = encodeManifest({ ...sample, kind: 'delta', baseSha256: digest(1), bodySize: 10 });
    for (let n = 0; n < bytes.length; n++) expect(() => decodeManifest(bytes.subarray(0, n))).toThrow(ManifestError);
  });

  it('refuse to encode fields that do not fit', () => {
    expect(() => encodeManifest({ ...sample, version: '1.4' })).toThrow(/version/);
    expect(() => encodeManifest({ ...sample, version: `1.0.0-${'a'.repeat(260)}` })).toThrow(/at most 255/);
    expect(() => encodeManifest({ ...sample, imageSize: 2 ** 32 })).toThrow(/imageSize/);
    expect(() => encodeManifest({ ...sample, signature: new Uint8Array(63) })).toThrow(/signature: 63 bytes/);
    expect(() => encodeManifest({ ...sample, imageSha256: digest(0).subarray(1) })).toThrow(/imageSha256/);
    expect(() => encodeManifest({ ...sample, baseSha256: digest(0) })).toThrow(/baseSha256/);
    expect(() => encodeManifest({ ...sample, kind: 'delta' })).toThrow(/baseSha256/);
  });
});

describe('descriptorOf', () => {
  it('is the first four digest bytes as 8 hex digits', () => {
    expect(descriptorOf(sample.imageSha256)).toBe('00010203');
    expect(descriptorOf(Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 1, 2]))).toBe('deadbeef');
  });
});

describe('signedBytes', () => {
  it('is the manifest without its signature followed by the body, ignoring padding after it', () => {
    const payload = Uint8Array.from([1, 2, 3, 9, 9, 5, 6, 7, 0, 0]); // manifest 1 2 3 | sig 9 9 | body 5 6 7 | padding
    expect(Array.from(signedBytes(payload, 5, 2, 3))).toEqual([1, 2, 3, 5, 6, 7]);
  });
});
