/** Typed errors of the TS004 codec, so callers can tell bad input from a bug. */

/** Invalid sizes or parameters given to the codec (fragment size, data length, counts, options). */
export class Ts004Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Ts004Error';
  }
}

/** Bytes that do not form a valid TS004 command, or command fields that cannot be encoded. */
export class Ts004FormatError extends Ts004Error {
  constructor(message: string) {
    super(message);
    this.name = 'Ts004FormatError';
  }
}
