/**
 * Symbol error rate of the LoRa demodulator in white Gaussian noise (docs/models/sinr.md).
 *
 * A LoRa receiver de-chirps a symbol and takes the largest of the 2^SF bins of its DFT: a
 * non-coherent detector of M = 2^SF orthogonal signals. With a per-sample SNR γ and the DFT noise
 * normalised to unit variance per real component, the wanted bin has a Rician magnitude of
 * non-centrality ν = √(2·M·γ) and the M − 1 others Rayleigh magnitudes.
 *
 * - {@link symbolErrorRate}: the closed-form approximation of Elshabrawy & Robert, "Closed-Form
 *   Approximation of LoRa Modulation BER Performance", IEEE Communications Letters 22(9), 2018:
 *   SER ≈ Q(√(2^(SF+1)·γ) − √(2·H(2^SF − 1))), H the harmonic number (≈ √(1.386·SF + 1.154)); it
 *   replaces the largest noise bin by its mean.
 * - {@link exactSymbolErrorRate}: the same detector integrated numerically,
 *   SER = ∫ f_Rice(r; ν) · (1 − (1 − e^(−r²/2))^(M−1)) dr — the reference the closed form is checked
 *   against (test/radio/ser.test.ts, docs/validation.md case 9).
 */

/** Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Complementary error function, fractional error below 1.2e-7 everywhere (the Chebyshev fit of
 * Press et al., Numerical Recipes 2nd ed., §6.2).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Gaussian tail probability Q(x) = P(N(0,1) > x). */
export function qFunction(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** Harmonic number H(n) = Σ 1/k, k = 1..n (exact sum below 64, asymptotic series above). */
export function harmonicNumber(n: number): number {
  if (n < 64) {
    let h = 0;
    for (let k = 1; k <= n; k++) h += 1 / k;
    return h;
  }
  return Math.log(n) + EULER_GAMMA + 1 / (2 * n) - 1 / (12 * n * n);
}

function checkSf(sf: number): void {
  if (!Number.isInteger(sf) || sf < 5 || sf > 12) throw new RangeError(`spreading factor ${sf} is not in 5..12`);
}

/**
 * Closed-form symbol error rate (Elshabrawy & Robert 2018) at per-sample SNR `snrLinear`,
 * capped at the error rate of a blind guess, (M − 1)/M.
 */
export function symbolErrorRate(snrLinear: number, sf: number): number {
  checkSf(sf);
  const m = 2 ** sf;
  const ser = qFunction(Math.sqrt(2 * m * Math.max(0, snrLinear)) - Math.sqrt(2 * harmonicNumber(m - 1)));
  const guess = (m - 1) / m;
  return ser < guess ? ser : guess;
}

/** Exponentially scaled modified Bessel function e^(−x)·I0(x), x ≥ 0 (Abramowitz & Stegun 9.8.1–9.8.2). */
export function besselI0Scaled(x: number): number {
  if (x < 3.75) {
    const y = (x / 3.75) ** 2;
    const i0 = 1 + y * (3.5156229 + y * (3.0899424 + y * (1.2067492 + y * (0.2659732 + y * (0.0360768 + y * 0.0045813)))));
    return i0 * Math.exp(-x);
  }
  const y = 3.75 / x;
  const p = 0.39894228 + y * (0.01328592 + y * (0.00225319 + y * (-0.00157565 + y * (0.00916281 +
    y * (-0.02057706 + y * (0.02635537 + y * (-0.01647633 + y * 0.00392377)))))));
  return p / Math.sqrt(x);
}

/**
 * Exact symbol error rate of the de-chirp + DFT detector in white Gaussian noise, by numerical
 * integration (Simpson's rule, step 0.002 in units of the noise standard deviation).
 */
export function exactSymbolErrorRate(snrLinear: number, sf: number): number {
  checkSf(sf);
  const m = 2 ** sf;
  const nu = Math.sqrt(2 * m * Math.max(0, snrLinear));
  const lo = Math.max(0, nu - 12);
  const hi = nu + 12;
  const steps = 2 * Math.ceil((hi - lo) / 0.004);
  const h = (hi - lo) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const r = lo + i * h;
    // Rician density with unit noise variance, scaled Bessel to stay finite: r·e^(−(r−ν)²/2)·I0e(νr)
    const rice = r * Math.exp(-0.5 * (r - nu) * (r - nu)) * besselI0Scaled(nu * r);
    // P(some noise bin exceeds r) = 1 − (1 − e^(−r²/2))^(M−1), without cancellation
    const someAbove = -Math.expm1((m - 1) * Math.log1p(-Math.exp(-0.5 * r * r)));
    const f = r === 0 ? 0 : rice * someAbove;
    sum += f * (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2);
  }
  return Math.min(1 - 1 / m, Math.max(0, (sum * h) / 3));
}
