/** Adler-32 (RFC 1950 §8.2), the per-window checksum that xdelta3 adds to VCDIFF windows. */

const MOD = 65521;
/** Largest block before the sums must be reduced to stay exact (zlib's NMAX). */
const BLOCK = 5552;

export function adler32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let a = 1;
  let b = 0;
  for (let i = start; i < end;) {
    const stop = Math.min(end, i + BLOCK);
    for (; i < stop; i++) {
      a += bytes[i];
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}
