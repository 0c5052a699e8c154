/**
 * Time-correlated Rayleigh fading of one link (docs/models/propagation.md): Clarke's model as the
 * sum-of-sinusoids simulator of Zheng & Xiao ("Simulation models with correct statistical
 * properties for Rayleigh fading channels", IEEE Trans. Communications 51(6), 2003):
 *
 *   X_c(t) = √(2/M) Σ cos ψ_n · cos(2π f_D t cos α_n + φ),  X_s(t) = √(2/M) Σ sin ψ_n · cos(…)
 *   α_n = (2πn − π + θ) / (4M),  θ, φ, ψ_n uniform on [−π, π),  n = 1..M
 *
 * The power gain |h|² = X_c² + X_s² has mean 1 and, for large M, an exponential distribution
 * (Rayleigh envelope) whose autocorrelation follows J0(2π f_D τ): frames a small fraction of
 * 1/f_D apart see nearly the same fade, frames far apart independent ones. The parameters θ, φ,
 * ψ_n are counter-based draws keyed by (seed, link), so the gain is a pure function of (link, time):
 * the same in whatever order frames are evaluated, and the same for the uplink and the downlink of
 * a link (reciprocity).
 */
import { Purpose, uniform } from '../engine/rng.js';

/** Sinusoids per quadrature component (Zheng & Xiao use M = 8 and more). */
export const CLARKE_SINUSOIDS = 16;

/** Smallest power gain returned, to keep the dB value finite. */
const MIN_GAIN = 1e-12;

/** Power gain |h(t)|² of link `link` at time `tUs` (µs), Doppler spread `dopplerHz`. */
export function clarkeGain(seed: number, link: number, tUs: number, dopplerHz: number): number {
  const m = CLARKE_SINUSOIDS;
  const theta = (2 * uniform(seed, Purpose.fadingPath, link, 0) - 1) * Math.PI;
  const phi = (2 * uniform(seed, Purpose.fadingPath, link, 1) - 1) * Math.PI;
  const w = 2 * Math.PI * dopplerHz * tUs * 1e-6;
  let xc = 0;
  let xs = 0;
  for (let n = 1; n <= m; n++) {
    const psi = (2 * uniform(seed, Purpose.fadingPath, link, n + 1) - 1) * Math.PI;
    const alpha = (2 * Math.PI * n - Math.PI + theta) / (4 * m);
    const c = Math.cos(w * Math.cos(alpha) + phi);
    xc += Math.cos(psi) * c;
    xs += Math.sin(psi) * c;
  }
  const g = (2 / m) * (xc * xc + xs * xs);
  return g > MIN_GAIN ? g : MIN_GAIN;
}

/** The same gain in dB (positive: a constructive fade). */
export function clarkeFadingDb(seed: number, link: number, tUs: number, dopplerHz: number): number {
  return 10 * Math.log10(clarkeGain(seed, link, tUs, dopplerHz));
}
