/**
 * The firmware package a FUOTA campaign sends: the new image (a file, or synthetic bytes from the
 * seed), optionally as a VCDIFF delta against a base image, signed, behind a manifest. `payload` is
 * exactly what is fragmented and sent. Pure and deterministic (ECDSA signatures use the RFC 6979 nonce).
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { toHex } from '../ts004/hex.js';
import { applyDelta, isVcdiff, makeDelta } from './delta.js';
import { sha256 } from './digest.js';
import { DeltaError, ImageError, ImageTooLargeError } from './errors.js';
import { signingKeysFor } from './keys.js';
import { MAX_IMAGE_BYTES } from './limits.js';
import { descriptorOf, encodeManifest, type Manifest, signedBytes } from './manifest.js';
import { SIGNATURE_BYTES, signImage, type SignatureAlgorithm } from './sign.js';
import { syntheticImage } from './synthetic.js';

export { verifyAndApply, type VerifyResult, type VerifyFailure } from './device.js';

/** Where the image comes from and how it is signed (scenario field firmware, paths resolved). */
export interface FirmwareParams {
  sizeBytes: number;
  /** absolute path after resolution, or null for synthetic bytes */
  file: string | null;
  version: string;
  signature: SignatureAlgorithm;
  /** PEM private key file, or null to derive a key from the seed */
  signingKeyFile: string | null;
  delta: { baseFile: string; file: string } | null;
  /** bytes flipped on the air in every fragment payload sent (0 = none); tampering test */
  tamperBytes: number;
}

export interface FirmwarePackage {
  /** exactly what is fragmented and sent: manifest + image, or manifest + delta */
  payload: Uint8Array;
  /** the new firmware */
  image: Uint8Array;
  /** the image the delta applies to (what the devices run), or null for a full image */
  base: Uint8Array | null;
  isDelta: boolean;
  version: string;
  /** SHA-256 of `image`, lower-case hex */
  sha256: string;
  /** TS004 descriptor: the first 4 bytes of the image's SHA-256, 8 hex digits */
  descriptor: string;
  /** what devices verify with; null for signature 'none' */
  publicKey: KeyObject | null;
  /** signature bytes, lower-case hex ('' for 'none') */
  signature: string;
  algorithm: SignatureAlgorithm;
  /** manifest length at the start of `payload`, bytes */
  manifestBytes: number;
}

function readImageFile(path: string, field: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new ImageError(`${field}: cannot read ${path} (${(err as Error).message})`);
  }
}

interface Sources {
  image: Uint8Array;
  base: Uint8Array | null;
  body: Uint8Array;
}

/**
 * With firmware.delta, `delta.file` is either the new image (the delta is computed here) or a
 * ready VCDIFF delta (recognised by its magic; sent as is, the new image rebuilt from it).
 */
function sources(fw: FirmwareParams, seed: number): Sources {
  if (fw.delta === null) {
    const image = fw.file === null ? syntheticImage(fw.sizeBytes, seed) : readImageFile(fw.file, 'firmware.file');
    if (image.length > MAX_IMAGE_BYTES) {
      throw new ImageTooLargeError(`firmware: the image is ${image.length} bytes, more than the ${MAX_IMAGE_BYTES} bytes (1 MB) one FUOTA task may carry; send a delta instead (firmware.delta) or a smaller image`);
    }
    return { image, base: null, body: image };
  }
  const base = readImageFile(fw.delta.baseFile, 'firmware.delta.baseFile');
  const given = readImageFile(fw.delta.file, 'firmware.delta.file');
  let image = given;
  let body: Uint8Array;
  if (isVcdiff(given)) {
    try {
      image = applyDelta(base, given);
    } catch (err) {
      if (err instanceof DeltaError) throw new DeltaError(`firmware.delta.file: ${err.message}`);
      throw err;
    }
    body = given;
  } else body = makeDelta(base, image);
  if (body.length > MAX_IMAGE_BYTES) {
    throw new ImageTooLargeError(`firmware.delta: the delta is ${body.length} bytes, more than the ${MAX_IMAGE_BYTES} bytes (1 MB) one FUOTA task may carry; use a base closer to the new image`);
  }
  return { image, base, body };
}

/** Builds the package for a resolved firmware section; throws an ImageError subclass on bad input. */
export function buildFirmwarePackage(fw: FirmwareParams, seed: number): FirmwarePackage {
  const { image, base, body } = sources(fw, seed);
  const keys = signingKeysFor(fw.signature, fw.signingKeyFile, seed);
  const imageSha256 = sha256(image);
  const unsigned: Manifest = {
    kind: base === null ? 'image' : 'delta',
    algorithm: fw.signature,
    version: fw.version,
    imageSize: image.length,
    bodySize: body.length,
    imageSha256,
    baseSha256: base === null ? null : sha256(base),
    signature: new Uint8Array(SIGNATURE_BYTES[fw.signature]), // placeholder, filled below
  };
  const manifest = encodeManifest(unsigned);
  const payload = new Uint8Array(manifest.length + body.length);
  payload.set(manifest, 0);
  payload.set(body, manifest.length);
  const sigLen = unsigned.signature.length;
  const signature = signImage(signedBytes(payload, manifest.length, sigLen, body.length), fw.signature, keys?.privateKey ?? null);
  payload.set(signature, manifest.length - sigLen);
  return {
    payload,
    image,
    base,
    isDelta: base !== null,
    version: fw.version,
    sha256: toHex(imageSha256),
    descriptor: descriptorOf(imageSha256),
    publicKey: keys?.publicKey ?? null,
    signature: toHex(signature),
    algorithm: fw.signature,
    manifestBytes: manifest.length,
  };
}
