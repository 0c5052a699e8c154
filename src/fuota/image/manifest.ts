/**
 * The firmware manifest: a small binary header put before the image (or delta) bytes that are
 * fragmented and sent. All integers little-endian, as LoRaWAN fields are. Layout (format 1):
 *
 *   0  4  magic "FWIM"                 8+V   4  image size (the new image, bytes)
 *   4  1  format version = 1          12+V   4  body size (bytes after the manifest: image or delta)
 *   5  1  kind: 0 image, 1 VCDIFF     16+V  32  SHA-256 of the new image
 *   6  1  signature algorithm id      48+V  32  SHA-256 of the delta base (kind 1 only)
 *   7  1  V = version length           ..    S  signature (S = 64, or 0 for 'none')
 *   8  V  version (semver, ASCII)
 *
 * The signature covers every manifest byte before it followed by the body, so any change to the
 * version, sizes, digests or body fails verification.
 */
import { ManifestError } from './errors.js';
import { SIGNATURE_BYTES, type SignatureAlgorithm } from './sign.js';
import { parseVersion } from './version.js';

export const MANIFEST_MAGIC: readonly number[] = [0x46, 0x57, 0x49, 0x4d]; // "FWIM"
export const MANIFEST_FORMAT = 1;
const DIGEST_BYTES = 32;
const FIXED_BYTES = 8 + 4 + 4 + DIGEST_BYTES;
const U32_MAX = 0xffffffff;

/** Algorithm ids in the manifest. */
const ALG_IDS: Readonly<Record<SignatureAlgorithm, number>> = { none: 0, 'ecdsa-p256': 1, ed25519: 2 };
const ALG_BY_ID: readonly SignatureAlgorithm[] = ['none', 'ecdsa-p256', 'ed25519'];

export interface Manifest {
  kind: 'image' | 'delta';
  algorithm: SignatureAlgorithm;
  version: string;
  imageSize: number;
  bodySize: number;
  imageSha256: Uint8Array;
  /** SHA-256 of the image the delta applies to; null for kind 'image' */
  baseSha256: Uint8Array | null;
  /** SIGNATURE_BYTES[algorithm] bytes */
  signature: Uint8Array;
}

/** Encoded manifest length for these fields, bytes (the version in ASCII). */
export function manifestSizeBytes(version: string, algorithm: SignatureAlgorithm, kind: Manifest['kind']): number {
  return FIXED_BYTES + version.length + (kind === 'delta' ? DIGEST_BYTES : 0) + SIGNATURE_BYTES[algorithm];
}

function check(m: Manifest): void {
  try {
    parseVersion(m.version);
  } catch (err) {
    throw new ManifestError(`version: ${(err as Error).message}`);
  }
  if (m.version.length > 255) throw new ManifestError(`version: ${m.version.length} characters; allowed: at most 255`);
  for (const [name, v] of [['imageSize', m.imageSize], ['bodySize', m.bodySize]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new ManifestError(`${name}: ${v}; allowed: an integer 0..${U32_MAX}`);
  }
  if (m.imageSha256.length !== DIGEST_BYTES) throw new ManifestError(`imageSha256: ${m.imageSha256.length} bytes; allowed: 32`);
  if ((m.kind === 'delta') !== (m.baseSha256 !== null)) throw new ManifestError('baseSha256: given exactly when kind is "delta"');
  if (m.baseSha256 !== null && m.baseSha256.length !== DIGEST_BYTES) throw new ManifestError(`baseSha256: ${m.baseSha256.length} bytes; allowed: 32`);
  if (m.signature.length !== SIGNATURE_BYTES[m.algorithm]) {
    throw new ManifestError(`signature: ${m.signature.length} bytes; allowed: ${SIGNATURE_BYTES[m.algorithm]} for ${m.algorithm}`);
  }
}

/** The manifest bytes; throws ManifestError for fields that cannot be encoded. */
export function encodeManifest(m: Manifest): Uint8Array {
  check(m);
  const out = new Uint8Array(manifestSizeBytes(m.version, m.algorithm, m.kind));
  const view = new DataView(out.buffer);
  out.set(MANIFEST_MAGIC, 0);
  out[4] = MANIFEST_FORMAT;
  out[5] = m.kind === 'delta' ? 1 : 0;
  out[6] = ALG_IDS[m.algorithm];
  out[7] = m.version.length;
  let at = 8;
  for (let i = 0; i < m.version.length; i++) out[at++] = m.version.charCodeAt(i);
  view.setUint32(at, m.imageSize, true);
  view.setUint32(at + 4, m.bodySize, true);
  out.set(m.imageSha256, at + 8);
  at += 8 + DIGEST_BYTES;
  if (m.baseSha256 !== null) {
    out.set(m.baseSha256, at);
    at += DIGEST_BYTES;
  }
  out.set(m.signature, at);
  return out;
}

/** A decoded manifest and where it ends (the body starts there; the signature ends there). */
export interface DecodedManifest {
  manifest: Manifest;
  /** manifest length, bytes */
  length: number;
}

/** Reads a manifest from the start of `bytes`; throws ManifestError on anything malformed. */
export function decodeManifest(bytes: Uint8Array): DecodedManifest {
  const need = (n: number, what: string): void => {
    if (bytes.length < n) throw new ManifestError(`${bytes.length} bytes end before the ${what}`);
  };
  need(8, 'fixed header');
  if (!MANIFEST_MAGIC.every((b, i) => bytes[i] === b)) throw new ManifestError('no manifest magic "FWIM"');
  if (bytes[4] !== MANIFEST_FORMAT) throw new ManifestError(`format version ${bytes[4]}; supported: ${MANIFEST_FORMAT}`);
  if (bytes[5] > 1) throw new ManifestError(`kind ${bytes[5]}; allowed: 0 (image) or 1 (delta)`);
  const algorithm = ALG_BY_ID[bytes[6]];
  if (algorithm === undefined) throw new ManifestError(`signature algorithm id ${bytes[6]}; allowed: 0 none, 1 ecdsa-p256, 2 ed25519`);
  const kind = bytes[5] === 1 ? 'delta' : 'image';
  const versionLen = bytes[7];
  let version = '';
  need(8 + versionLen, 'version');
  for (let i = 0; i < versionLen; i++) version += String.fromCharCode(bytes[8 + i]);
  const length = manifestSizeBytes(version, algorithm, kind);
  need(length, 'end of the manifest');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8 + versionLen;
  const imageSize = view.getUint32(at, true);
  const bodySize = view.getUint32(at + 4, true);
  const imageSha256 = bytes.slice(at + 8, at + 8 + DIGEST_BYTES);
  at += 8 + DIGEST_BYTES;
  const baseSha256 = kind === 'delta' ? bytes.slice(at, at + DIGEST_BYTES) : null;
  if (baseSha256 !== null) at += DIGEST_BYTES;
  const manifest: Manifest = { kind, algorithm, version, imageSize, bodySize, imageSha256, baseSha256, signature: bytes.slice(at, length) };
  check(manifest);
  if (kind === 'image' && bodySize !== imageSize) throw new ManifestError(`body size ${bodySize} differs from image size ${imageSize} in a full image`);
  return { manifest, length };
}

/**
 * The TS004 descriptor of an image (FragSessionSetupReq Descriptor, 4 bytes): the first four bytes
 * of the new image's SHA-256, as 8 lower-case hex digits in byte order.
 */
export function descriptorOf(imageSha256: Uint8Array): string {
  return Buffer.from(imageSha256.subarray(0, 4)).toString('hex');
}

/**
 * The bytes a signature covers: the manifest up to its signature, then the body. `payload` holds
 * the manifest (`manifestLength` bytes, ending with `signatureBytes` of signature) and the body.
 */
export function signedBytes(payload: Uint8Array, manifestLength: number, signatureBytes: number, bodySize: number): Uint8Array {
  const head = manifestLength - signatureBytes;
  const out = new Uint8Array(head + bodySize);
  out.set(payload.subarray(0, head), 0);
  out.set(payload.subarray(manifestLength, manifestLength + bodySize), head);
  return out;
}
