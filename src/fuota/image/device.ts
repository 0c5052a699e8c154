/**
 * What a device does with the bytes it rebuilt from the fragments (issue 4, "The image"; TS006 flow
 * in lorawan-facts.md 4.5): parse the manifest, verify the signature with its public key, apply the
 * delta to the image it runs, check the digest, and accept only a newer version.
 */
import type { KeyObject } from 'node:crypto';
import { applyDelta } from './delta.js';
import { sameBytes, sha256 } from './digest.js';
import { DeltaError, ManifestError } from './errors.js';
import { keyAlgorithm } from './keys.js';
import { decodeManifest, type DecodedManifest, signedBytes } from './manifest.js';
import { verifyImage } from './sign.js';
import { isNewer } from './version.js';

export type VerifyFailure = 'signature' | 'digest' | 'manifest' | 'not-newer' | 'delta';
export type VerifyResult = { ok: true; image: Uint8Array } | { ok: false; reason: VerifyFailure };

/**
 * Checks `received` (the rebuilt payload; bytes after the body, such as fragment padding, are
 * ignored) as a device holding `pkg.publicKey` and running `deviceVersion` would. `base` is the
 * image the device runs, for a delta (default: the package's base). Throws VersionError only for
 * a malformed `deviceVersion` (a caller's bug); every problem with the bytes is a failure reason.
 */
export function verifyAndApply(
  pkg: { publicKey: KeyObject | null; base: Uint8Array | null },
  received: Uint8Array,
  deviceVersion: string,
  base?: Uint8Array,
): VerifyResult {
  let decoded: DecodedManifest;
  try {
    decoded = decodeManifest(received);
  } catch (err) {
    if (err instanceof ManifestError) return { ok: false, reason: 'manifest' };
    throw err;
  }
  const { manifest: m, length } = decoded;
  if (received.length - length < m.bodySize) return { ok: false, reason: 'manifest' };
  // the device expects its own key's algorithm: a manifest claiming another (or 'none') is refused
  const expected = pkg.publicKey === null ? 'none' : keyAlgorithm(pkg.publicKey);
  if (m.algorithm !== expected) return { ok: false, reason: 'signature' };
  const message = signedBytes(received, length, m.signature.length, m.bodySize);
  if (!verifyImage(message, m.signature, m.algorithm, pkg.publicKey)) return { ok: false, reason: 'signature' };
  const body = received.subarray(length, length + m.bodySize);
  let image: Uint8Array;
  if (m.kind === 'delta') {
    const from = base ?? pkg.base;
    if (from === null || m.baseSha256 === null || !sameBytes(sha256(from), m.baseSha256)) return { ok: false, reason: 'delta' };
    try {
      image = applyDelta(from, body, { maxTargetBytes: m.imageSize });
    } catch (err) {
      if (err instanceof DeltaError) return { ok: false, reason: 'delta' };
      throw err;
    }
  } else image = body.slice();
  if (image.length !== m.imageSize || !sameBytes(sha256(image), m.imageSha256)) return { ok: false, reason: 'digest' };
  if (!isNewer(m.version, deviceVersion)) return { ok: false, reason: 'not-newer' };
  return { ok: true, image };
}
