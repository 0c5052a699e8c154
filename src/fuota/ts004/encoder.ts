/**
 * TS004 encoder (reference ts004-algorithm.md 3.1 and 3.5): the data block padded with zeros to M
 * fragments, sent as the M uncoded fragments N = 1..M and then coded fragments N = M + n, each the XOR
 * of the uncoded fragments selected by parity row n.
 */
import type { FecVariant } from './constants.js';
import { Ts004Error } from './errors.js';
import { ParityRowCache } from './rows.js';
import { checkCodedCount, checkFragSize, splitSizes } from './sizing.js';

/** One fragment as sent: its fragment number N (1-based) and its FragSize bytes. */
export interface Fragment {
  n: number;
  data: Uint8Array;
}

/** The data block followed by zero bytes up to a whole number of fragments (a new array). */
export function padData(data: Uint8Array, fragSizeBytes: number): Uint8Array {
  const { nbFrag } = splitSizes(data.length, fragSizeBytes);
  const padded = new Uint8Array(nbFrag * fragSizeBytes);
  padded.set(data);
  return padded;
}

/** XORs `length` bytes of `src` starting at `srcOffset` into `dst` starting at `dstOffset`. */
export function xorInto(dst: Uint8Array, dstOffset: number, src: Uint8Array, srcOffset: number, length: number): void {
  for (let i = 0; i < length; i++) dst[dstOffset + i] ^= src[srcOffset + i];
}

/**
 * Coded fragment n (sent with N = M + n) of an already padded block, from n alone. `rows` may be a
 * shared cache for the same variant and M.
 */
export function codedFragment(
  padded: Uint8Array,
  fragSizeBytes: number,
  codedIndex: number,
  variant: FecVariant = 'v1',
  rows?: ParityRowCache,
): Uint8Array {
  checkFragSize(fragSizeBytes);
  const nbFrag = padded.length / fragSizeBytes;
  if (!Number.isInteger(nbFrag) || nbFrag < 1) {
    throw new Ts004Error(`padded block of ${padded.length} bytes is not a whole number of ${fragSizeBytes}-byte fragments`);
  }
  const cache = rows ?? new ParityRowCache(variant, nbFrag);
  if (cache.nbFrag !== nbFrag || cache.variant !== variant) {
    throw new Ts004Error(`row cache is for ${cache.variant} with M = ${cache.nbFrag}, not ${variant} with M = ${nbFrag}`);
  }
  const out = new Uint8Array(fragSizeBytes);
  const cols = cache.columns(codedIndex);
  for (let i = 0; i < cols.length; i++) xorInto(out, 0, padded, cols[i] * fragSizeBytes, fragSizeBytes);
  return out;
}

/**
 * Every fragment in sending order: the M uncoded ones (N = 1..M, the last one zero-padded), then
 * `codedCount` coded ones (N = M + 1 .. M + codedCount). Throws Ts004Error when M + R > 16383.
 */
export function encodeFragments(
  data: Uint8Array,
  fragSizeBytes: number,
  codedCount: number,
  variant: FecVariant = 'v1',
  rows?: ParityRowCache,
): Fragment[] {
  const padded = padData(data, fragSizeBytes);
  const nbFrag = padded.length / fragSizeBytes;
  checkCodedCount(nbFrag, codedCount);
  const cache = rows ?? new ParityRowCache(variant, nbFrag);
  const out: Fragment[] = [];
  for (let k = 0; k < nbFrag; k++) {
    out.push({ n: k + 1, data: padded.slice(k * fragSizeBytes, (k + 1) * fragSizeBytes) });
  }
  for (let n = 1; n <= codedCount; n++) {
    out.push({ n: nbFrag + n, data: codedFragment(padded, fragSizeBytes, n, variant, cache) });
  }
  return out;
}
