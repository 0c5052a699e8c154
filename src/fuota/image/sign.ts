/**
 * Image signatures. ECDSA P-256 over SHA-256 is encoded as IEEE P1363 (r | s, 32 bytes each), not
 * DER, so a signature is always 64 bytes and the payload size never varies between runs; its nonce
 * is derived from the key and the message (RFC 6979, @noble/curves), so the same key and image give
 * the same signature and every run of a scenario sends the same bytes. Ed25519 (RFC 8032, pure,
 * node:crypto) is 64 bytes and deterministic too. 'none' is the empty signature. Verification uses
 * node:crypto.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { KeyError } from './errors.js';
import { keyAlgorithm } from './keys.js';

export type SignatureAlgorithm = 'ecdsa-p256' | 'ed25519' | 'none';

/** Signature length per algorithm, bytes. */
export const SIGNATURE_BYTES: Readonly<Record<SignatureAlgorithm, number>> = {
  'ecdsa-p256': 64,
  ed25519: 64,
  none: 0,
};

/** Signs `bytes`; `key` is the private key (ignored for 'none'). */
export function signImage(bytes: Uint8Array, alg: SignatureAlgorithm, key: KeyObject | null): Uint8Array {
  if (alg === 'none') return new Uint8Array(0);
  if (key === null || key.type !== 'private' || keyAlgorithm(key) !== alg) {
    throw new KeyError(`signing ${alg} needs a private ${alg} key`);
  }
  if (alg === 'ed25519') {
    const sig = sign(null, bytes, key);
    return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
  }
  // RFC 6979 deterministic nonce; SHA-256 prehash; s as computed (no low-S normalisation), r | s
  const d = Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
  return p256.sign(bytes, d, { prehash: true, lowS: false, format: 'compact' });
}

/**
 * True when `signature` is a valid `alg` signature of `bytes` under `publicKey`. Never throws on
 * bad input: a wrong length, a key of another kind or a missing key verify as false.
 */
export function verifyImage(bytes: Uint8Array, signature: Uint8Array, alg: SignatureAlgorithm, publicKey: KeyObject | null): boolean {
  if (signature.length !== SIGNATURE_BYTES[alg]) return false;
  if (alg === 'none') return true;
  if (publicKey === null || keyAlgorithm(publicKey) !== alg) return false;
  try {
    return alg === 'ed25519'
      ? verify(null, bytes, publicKey, signature)
      : verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
