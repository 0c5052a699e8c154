/**
 * Random variates from caller-supplied uniforms in (0, 1). The engine derives the uniforms from
 * counter-based hashes, so these functions hold no state and never call Math.random.
 */

/** Smallest uniform used; guards log(0) if a caller ever passes exactly 0. */
const U_MIN = Number.MIN_VALUE;

/** One standard normal variate (Box–Muller, cosine branch): √(−2·ln u1)·cos(2π·u2). */
export function normalFromUniforms(u1: number, u2: number): number {
  const u = u1 > U_MIN ? u1 : U_MIN;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Log-normal shadowing of one device–gateway link, dB: σ·N(0,1). Drawn once per link. Added to the
 * path loss (positive = more loss); the sign is immaterial statistically since N(0,1) is symmetric.
 */
export function shadowingDb(sigmaDb: number, u1: number, u2: number): number {
  return sigmaDb * normalFromUniforms(u1, u2);
}

/**
 * Power gain, dB, of a unit-mean Rayleigh channel: |h|² is exponential with mean 1, so
 * |h|² = −ln u and the gain is 10·log10(−ln u). Positive values are constructive fades.
 */
export function rayleighFadingDb(u: number): number {
  const v = u > U_MIN ? u : U_MIN;
  return 10 * Math.log10(-Math.log(v));
}
