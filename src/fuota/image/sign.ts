/**
 * Image signatures with node:crypto. ECDSA P-256 over SHA-256 is encoded as IEEE P1363 (r | s,
 * 32 bytes each), not DER, so a signature is always 64 bytes and the payload size never varies
 * between runs; Ed25519 (RFC 8032, pure) is 64 bytes and deterministic. 'none' is the empty signature.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { KeyError } from './errors.js';
import type { SignatureAlgorithm } from '../../scenario/types.js';
import { keyAlgorithm } from './keys.js';

export type { SignatureAlgorithm };

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
  const sig = alg === 'ed25519' ? sign(null, bytes, key) : sign('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' });
  return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
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
