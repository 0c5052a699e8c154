/** The firmware image: versions, signing keys, signatures, manifest, VCDIFF deltas, the package and the device check. */
export { syntheticImage } from './synthetic.js';
export { compareVersions, isNewer, parseVersion, type SemVer } from './version.js';
export { deriveSigningKeys, keyAlgorithm, loadSigningKeys, signingKeysFor, signingKeysFromPem, type SigningKeys } from './keys.js';
export { SIGNATURE_BYTES, signImage, verifyImage, type SignatureAlgorithm } from './sign.js';
export {
  decodeManifest, descriptorOf, encodeManifest, MANIFEST_FORMAT, MANIFEST_MAGIC, manifestSizeBytes, signedBytes,
  type DecodedManifest, type Manifest,
} from './manifest.js';
export { applyDelta, isVcdiff, makeDelta, TARGET_WINDOW_BYTES, VCDIFF_MAGIC, type ApplyOptions } from './delta.js';
export { MAX_IMAGE_BYTES } from './limits.js';
export { buildFirmwarePackage, type FirmwarePackage } from './package.js';
export { verifyAndApply, type VerifyFailure, type VerifyResult } from './device.js';
export { DeltaError, ImageError, ImageTooLargeError, KeyError, ManifestError, VersionError } from './errors.js';
