import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDelta } from '../../../src/fuota/image/delta.js';
import { DeltaError, ImageError, ImageTooLargeError } from '../../../src/fuota/image/errors.js';
import { deriveSigningKeys } from '../../../src/fuota/image/keys.js';
import { manifestSizeBytes } from '../../../src/fuota/image/manifest.js';
import { buildFirmwarePackage, verifyAndApply } from '../../../src/fuota/image/package.js';
import { syntheticImage } from '../../../src/fuota/image/synthetic.js';
import type { ResolvedScenario } from '../../../src/scenario/types.js';
import { readFixture } from '../../helpers/shared.js';
import { applyEdit, firmwareLike, sameBytes } from './edits.js';

type Firmware = ResolvedScenario['firmware'];
const fw = (over: Partial<Firmware> = {}): Firmware => ({
  sizeBytes: 1000, file: null, version: '1.4.0', signature: 'ed25519', signingKeyFile: null, delta: null, tamperBytes: 0, ...over,
});
const hexSha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const ALGS = ['ecdsa-p256', 'ed25519', 'none'] as const;
const fx = readFixture<{ package: Record<string, string> }>('image-known-answers.json').package;
const dir = mkdtempSync(join(tmpdir(), 'fuota-image-'));
const file = (name: string, bytes: Uint8Array): string => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

describe('buildFirmwarePackage with a full image', () => {
  it.each(ALGS)('sends manifest + synthetic image, signed with %s, which a device verifies and applies', (signature) => {
    const pkg = buildFirmwarePackage(fw({ signature }), 1);
    expect(sameBytes(pkg.image, syntheticImage(1000, 1))).toBe(true);
    expect(pkg.manifestBytes).toBe(manifestSizeBytes('1.4.0', signature, 'image'));
    expect(pkg.payload.length).toBe(pkg.manifestBytes + 1000);
    expect(sameBytes(pkg.payload.subarray(pkg.manifestBytes), pkg.image)).toBe(true);
    expect(pkg.sha256).toBe(hexSha(pkg.image));
    expect(pkg.descriptor).toBe(pkg.sha256.slice(0, 8));
    expect(pkg.signature.length).toBe(signature === 'none' ? 0 : 128);
    expect(pkg.publicKey === null).toBe(signature === 'none');
    expect(pkg).toMatchObject({ isDelta: false, base: null, version: '1.4.0', algorithm: signature });
    const res = verifyAndApply(pkg, pkg.payload, '1.3.0');
    expect(res.ok && sameBytes(res.image, pkg.image)).toBe(true);
  });

  it('gives byte-identical payloads across builds for ed25519 and none, and the known payload digests', () => {
    for (const signature of ['ed25519', 'none'] as const) {
      const a = buildFirmwarePackage(fw({ signature }), 1);
      const b = buildFirmwarePackage(fw({ signature }), 1);
      expect(hexSha(a.payload)).toBe(hexSha(b.payload));
      expect(hexSha(a.payload)).toBe(fx[`seed1size1000${signature}`]);
    }
    expect(hexSha(buildFirmwarePackage(fw(), 2).payload)).not.toBe(fx.seed1size1000ed25519);
  });

  it('gives byte-identical ECDSA payloads across builds (RFC 6979 signatures) that differ for another seed', () => {
    const a = buildFirmwarePackage(fw({ signature: 'ecdsa-p256' }), 1);
    const b = buildFirmwarePackage(fw({ signature: 'ecdsa-p256' }), 1);
    expect(sameBytes(a.payload, b.payload)).toBe(true);
    expect(a.signature).toBe(b.signature);
    expect(verifyAndApply(a, a.payload, '0.0.1').ok).toBe(true);
    const c = buildFirmwarePackage(fw({ signature: 'ecdsa-p256' }), 2);
    expect(c.signature).not.toBe(a.signature);
  });

  it('reads the image from firmware.file and the key from firmware.signingKeyFile', () => {
    const image = firmwareLike(5000, 4);
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const keyFile = file('key.pem', new Uint8Array(Buffer.from(key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)));
    const pkg = buildFirmwarePackage(fw({ file: file('app.bin', image), sizeBytes: 5000, signature: 'ecdsa-p256', signingKeyFile: keyFile }), 1);
    expect(sameBytes(pkg.image, image)).toBe(true);
    expect(pkg.publicKey!.export({ format: 'der', type: 'spki' })).toEqual(key.publicKey.export({ format: 'der', type: 'spki' }));
    expect(verifyAndApply(pkg, pkg.payload, '0.0.1').ok).toBe(true);
    expect(() => buildFirmwarePackage(fw({ file: join(dir, 'missing.bin') }), 1)).toThrow(ImageError);
  });

  it('refuses an image over 1 MB without a delta, suggesting firmware.delta, and accepts exactly 1 MB', () => {
    expect(() => buildFirmwarePackage(fw({ sizeBytes: 1_048_577 }), 1)).toThrow(ImageTooLargeError);
    expect(() => buildFirmwarePackage(fw({ sizeBytes: 1_048_577 }), 1)).toThrow(/firmware\.delta/);
    expect(buildFirmwarePackage(fw({ sizeBytes: 1_048_576, signature: 'none' }), 1).image.length).toBe(1_048_576);
  });
});

describe('verifyAndApply', () => {
  /** Reason for every single-byte change of the payload (XOR with `mask`). */
  const reasons = (signature: Firmware['signature'], mask: number): Map<number, string> => {
    const pkg = buildFirmwarePackage(fw({ signature, sizeBytes: 200 }), 5);
    const out = new Map<number, string>();
    for (let i = 0; i < pkg.payload.length; i++) {
      const bad = pkg.payload.slice();
      bad[i] ^= mask;
      const res = verifyAndApply(pkg, bad, '1.3.0');
      out.set(i, res.ok ? 'ok' : res.reason);
    }
    return out;
  };

  it.each([['ecdsa-p256', 0x01], ['ed25519', 0x01], ['ecdsa-p256', 0xff], ['ed25519', 0x80]] as const)(
    'refuses a %s payload with any byte changed (XOR 0x%s): manifest or signature in the header, signature elsewhere',
    (signature, mask) => {
      const headerEnd = 8 + 5 + 8; // fixed header, version "1.4.0", the two sizes
      for (const [i, reason] of reasons(signature, mask)) {
        if (i < headerEnd) expect(['manifest', 'signature']).toContain(reason);
        else expect(reason).toBe('signature');
      }
    },
  );

  it('refuses a "none" payload with a changed digest or image byte for its digest', () => {
    const headerEnd = 8 + 5 + 8;
    for (const [i, reason] of reasons('none', 0x01)) {
      if (i >= headerEnd) expect(reason).toBe('digest');
      else if (i < 8) expect(reason).toBe('manifest');
    }
  });

  it('refuses an image that is not newer than the device runs', () => {
    const pkg = buildFirmwarePackage(fw(), 1);
    expect(verifyAndApply(pkg, pkg.payload, '1.4.0')).toEqual({ ok: false, reason: 'not-newer' });
    expect(verifyAndApply(pkg, pkg.payload, '1.10.0')).toEqual({ ok: false, reason: 'not-newer' });
    expect(verifyAndApply(pkg, pkg.payload, '1.4.0-rc.3').ok).toBe(true);
  });

  it('refuses another key, a missing key and a downgrade to "none"', () => {
    const pkg = buildFirmwarePackage(fw(), 1);
    const other = deriveSigningKeys('ed25519', 2).publicKey;
    expect(verifyAndApply({ ...pkg, publicKey: other }, pkg.payload, '1.0.0')).toEqual({ ok: false, reason: 'signature' });
    expect(verifyAndApply({ ...pkg, publicKey: null }, pkg.payload, '1.0.0')).toEqual({ ok: false, reason: 'signature' });
    const unsigned = buildFirmwarePackage(fw({ signature: 'none' }), 1);
    expect(verifyAndApply(pkg, unsigned.payload, '1.0.0')).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a truncated payload and ignores padding after the body', () => {
    const pkg = buildFirmwarePackage(fw(), 1);
    expect(verifyAndApply(pkg, pkg.payload.subarray(0, pkg.payload.length - 1), '1.0.0')).toEqual({ ok: false, reason: 'manifest' });
    const padded = new Uint8Array(pkg.payload.length + 7);
    padded.set(pkg.payload);
    expect(verifyAndApply(pkg, padded, '1.0.0').ok).toBe(true);
  });
});

describe('buildFirmwarePackage with firmware.delta', () => {
  const base = firmwareLike(300_000, 21);
  const target = [
    { kind: 'insert', at: 120_000, bytes: firmwareLike(700, 8) },
    { kind: 'flip', at: 5, mask: 3 },
  ].reduce((b, e) => applyEdit(b, e as never), base);
  const baseFile = file('base.bin', base);

  it.each(ALGS)('sends manifest + VCDIFF delta (%s) that a device running the base turns into the new image', (signature) => {
    const pkg = buildFirmwarePackage(fw({ signature, delta: { baseFile, file: file('new.bin', target) } }), 1);
    expect(pkg.isDelta).toBe(true);
    expect(sameBytes(pkg.image, target)).toBe(true);
    expect(sameBytes(pkg.base!, base)).toBe(true);
    expect(pkg.payload.length).toBeLessThan(2000);
    expect(pkg.manifestBytes).toBe(manifestSizeBytes('1.4.0', signature, 'delta'));
    const res = verifyAndApply(pkg, pkg.payload, '1.3.0', base);
    expect(res.ok && sameBytes(res.image, target)).toBe(true);
    expect(verifyAndApply(pkg, pkg.payload, '1.3.0').ok).toBe(true); // base defaults to the package's
    expect(verifyAndApply(pkg, pkg.payload, '1.3.0', target)).toEqual({ ok: false, reason: 'delta' });
  });

  it('sends a ready VCDIFF delta file as it is and rebuilds the image from it', () => {
    const delta = makeDelta(base, target);
    const pkg = buildFirmwarePackage(fw({ delta: { baseFile, file: file('ready.vcdiff', delta) } }), 1);
    expect(sameBytes(pkg.payload.subarray(pkg.manifestBytes), delta)).toBe(true);
    expect(sameBytes(pkg.image, target)).toBe(true);
    const broken = delta.slice(0, delta.length - 3);
    expect(() => buildFirmwarePackage(fw({ delta: { baseFile, file: file('broken.vcdiff', broken) } }), 1)).toThrow(DeltaError);
  });

  it('refuses a changed delta body: signature when signed, delta or digest when unsigned', () => {
    for (const signature of ['ed25519', 'none'] as const) {
      const pkg = buildFirmwarePackage(fw({ signature, delta: { baseFile, file: file('new.bin', target) } }), 1);
      for (let i = pkg.manifestBytes; i < pkg.payload.length; i += 7) {
        const bad = pkg.payload.slice();
        bad[i] ^= 0x10;
        const res = verifyAndApply(pkg, bad, '1.3.0');
        expect(res.ok).toBe(false);
        if (signature === 'ed25519') expect(res).toEqual({ ok: false, reason: 'signature' });
        else expect(['delta', 'digest']).toContain(!res.ok && res.reason);
      }
    }
  });

  it('accepts a new image over 1 MB when its delta fits, and refuses a delta over 1 MB', () => {
    const bigBase = firmwareLike(1_200_000, 2);
    const bigTarget = applyEdit(bigBase, { kind: 'flip', at: 600_000, mask: 1 });
    const pkg = buildFirmwarePackage(fw({ signature: 'none', delta: { baseFile: file('bb.bin', bigBase), file: file('bt.bin', bigTarget) } }), 1);
    expect(pkg.image.length).toBe(1_200_000);
    expect(pkg.payload.length).toBeLessThan(1000);
    const unrelated = firmwareLike(1_200_000, 77); // 1 125 000 bytes that match nothing in the base
    expect(() => buildFirmwarePackage(fw({ delta: { baseFile, file: file('u.bin', unrelated) } }), 1)).toThrow(/the delta is \d+ bytes/);
  });
});
