/** Typed errors of the firmware image module, so callers can tell bad input from a bug. */

/** Base class: anything wrong with an image, its manifest, its delta, its key or its version. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name; // the subclass's name: KeyError, DeltaError, ...
  }
}

/** A version string that is not a semantic version (semver 2.0.0). */
export class VersionError extends ImageError {
  constructor(readonly input: string, reason: string) {
    super(`${JSON.stringify(input)} is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]): ${reason}`);
  }
}

/** A signing key that cannot be read or does not match the signature algorithm. */
export class KeyError extends ImageError {}

/** Bytes that do not form a valid manifest, or manifest fields that cannot be encoded. */
export class ManifestError extends ImageError {}

/** Bytes that do not form a valid VCDIFF delta, or a delta that does not fit its base. */
export class DeltaError extends ImageError {}

/** An image (or delta) larger than what one FUOTA task may carry. */
export class ImageTooLargeError extends ImageError {}
