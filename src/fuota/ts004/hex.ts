/** Strict hexadecimal helpers for the codec's text interfaces (CLI lines, test vectors). */
import { Ts004FormatError } from './errors.js';

/** Lower-case hex of the bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Bytes of an even-length hex string (either case); throws Ts004FormatError on anything else. */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new Ts004FormatError('not an even-length hexadecimal string');
  }
  return new Uint8Array(Buffer.from(text, 'hex'));
}
