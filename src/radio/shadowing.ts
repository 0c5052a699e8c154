/**
 * Spatially correlated log-normal shadowing (docs/models/propagation.md).
 *
 * Each gateway has its own field of shadowing values over the plane, with the exponential
 * correlation of Gudmundson ("Correlation model for shadow fading in mobile radio systems",
 * Electronics Letters 27(23), 1991): ρ(Δ) = exp(−Δ / D), D the decorrelation distance (ns-3
 * lorawan's CorrelatedShadowingPropagationLossModel: D = 110 m, σ = 4 dB, lorawan-facts 6.1).
 *
 * ns-3 puts independent values on a grid of side D and interpolates between the four corners;
 * that field's correlation is not exponential, and its variance drops between grid points. Here each
 * gateway's field is a spectral (random Fourier) representation (Shinozuka & Deodatis, "Simulation
 * of stochastic processes by spectral representation", Applied Mechanics Reviews 44(4), 1991):
 *
 *   z(p) = √(2/N) Σ cos(κ_n · p + φ_n),  n = 1..N
 *
 * with φ_n uniform and the wave vectors κ_n drawn from the spectral density of exp(−r/D) in the
 * plane, S(κ) ∝ (1 + D²|κ|²)^(−3/2): |κ| = √((1 − u)^(−2) − 1) / D with u stratified (one draw in
 * each of N equal-probability bands) and directions spread by the golden ratio, which keeps one
 * gateway's field close to the target correlation, not only the average over seeds. Over
 * realisations z has mean 0, variance 1 and correlation exactly exp(−Δ/D); with N = 64 terms its
 * distribution is Gaussian to within a few per cent (test/radio/shadowing.test.ts).
 *
 * The N wave vectors and phases are counter-based draws keyed by (seed, gateway, n), so a device's
 * shadowing depends on its position only: not on how many devices there are, nor on their order.
 * Cost: N cosines per device and gateway, linear in the fleet.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { normalFromUniforms } from './normal.js';

/** Shadowing of the device–gateway links: its standard deviation and decorrelation distance. */
export interface ShadowingParams {
  /** standard deviation, dB (0: none) */
  sigmaDb: number;
  /** decorrelation distance D of ρ(Δ) = exp(−Δ/D), m; 0: independent per link */
  correlationDistanceM: number;
}

/** Fractional part of the golden ratio: successive multiples spread evenly over the circle. */
const GOLDEN = 0.6180339887498949;

/** Terms of the spectral sum per gateway field. */
export const SHADOWING_TERMS = 64;

/** One gateway's field: wave vectors (rad/m) and phases, N each. */
export interface ShadowingField {
  readonly kx: Float64Array;
  readonly ky: Float64Array;
  readonly phase: Float64Array;
}

/** The field of gateway `gateway` for decorrelation distance `correlationDistanceM` (> 0). */
export function shadowingField(seed: number, gateway: number, correlationDistanceM: number): ShadowingField {
  const n = SHADOWING_TERMS;
  const kx = new Float64Array(n);
  const ky = new Float64Array(n);
  const phase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // stratified: one radius from each of N equal-probability bands, directions spread by the golden ratio
    const u = (i + uniform(seed, Purpose.shadowingField, gateway, 3 * i)) / n;
    const k = Math.sqrt((1 - u) ** -2 - 1) / correlationDistanceM;
    const turn = (i * GOLDEN + uniform(seed, Purpose.shadowingField, gateway, 3 * i + 1) / n) % 1;
    const dir = 2 * Math.PI * turn;
    kx[i] = k * Math.cos(dir);
    ky[i] = k * Math.sin(dir);
    phase[i] = 2 * Math.PI * uniform(seed, Purpose.shadowingField, gateway, 3 * i + 2);
  }
  return { kx, ky, phase };
}

/** Standard-normal value of a field at (xM, yM); multiply by σ for dB. */
export function fieldValue(f: ShadowingField, xM: number, yM: number): number {
  let s = 0;
  for (let i = 0; i < f.kx.length; i++) s += Math.cos(f.kx[i] * xM + f.ky[i] * yM + f.phase[i]);
  return s * Math.sqrt(2 / f.kx.length);
}

/**
 * Shadowing loss of the link from (xM, yM) to a gateway, dB (positive: more loss): independent per
 * link (drawn by (device, gateway)) when the decorrelation distance is 0, else the gateway's field.
 */
export function shadowingLossDb(p: ShadowingParams, seed: number, device: number, gateway: number, field: ShadowingField | null, xM: number, yM: number): number {
  if (!(p.sigmaDb > 0)) return 0;
  if (field === null || !(p.correlationDistanceM > 0)) {
    return p.sigmaDb * normalFromUniforms(uniform(seed, Purpose.shadowing, device, 2 * gateway), uniform(seed, Purpose.shadowing, device, 2 * gateway + 1));
  }
  return p.sigmaDb * fieldValue(field, xM, yM);
}
