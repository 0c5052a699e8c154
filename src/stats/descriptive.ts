/**
 * Descriptive statistics over replications: mean, sample standard deviation, Student-t confidence
 * intervals and percentiles. Sums run in input order so results are reproducible bit for bit.
 *
 * The Student-t quantile stays ours (closed-form CDF, A&S 26.7.3/26.7.4, inverted by bisection to
 * about 1e-12): @stdlib/stats-base-dists-t-quantile brings 223 packages (26 MB) and about 85 ms of
 * loading, and jstat (1.2 MB, CommonJS) inverts the CDF only to about 3e-8 (t(0.975, 29) =
 * 2.0452296111 against 2.0452296421), enough to move the sixth significant digit of a written
 * interval now and then.
 */

/**
 * Arithmetic mean; NaN for an empty list. Summed as offsets from the first value, so identical
 * values give exactly that value (and a standard deviation of exactly 0).
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const ref = values[0];
  let sum = 0;
  for (let i = 1; i < n; i++) sum += values[i] - ref;
  return ref + sum / n;
}

/** Sample standard deviation (n - 1 in the denominator, two-pass); NaN when n < 2. */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) * (values[i] - m);
  return Math.sqrt(ss / (n - 1));
}

/** Standard normal CDF by its Taylor series (converges for every x; |error| < 1e-14 for |x| < 8). */
export function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  // Φ(x) = 1/2 + φ(x) · Σ x^(2k+1) / (1·3·5···(2k+1))
  let term = x;
  let sum = x;
  for (let k = 1; k < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= (x * x) / (2 * k + 1);
    sum += term;
  }
  return 0.5 + (sum * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI);
}

/**
 * P(|T| < t) for Student's t with an integer number of degrees of freedom, in closed form
 * (Abramowitz & Stegun 26.7.3 / 26.7.4, with θ = atan(t / √ν)).
 */
function tTwoSidedMass(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    // odd ν: (2/π)(θ + sinθ cosθ (1 + 2/3 cos²θ + (2·4)/(3·5) cos⁴θ + ...))
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 1; k <= (df - 3) / 2; k++) {
      term *= ((2 * k) / (2 * k + 1)) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  }
  // even ν: sinθ (1 + 1/2 cos²θ + (1·3)/(2·4) cos⁴θ + ...)
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= (df - 2) / 2; k++) {
    term *= ((2 * k - 1) / (2 * k)) * c2;
    sum += term;
  }
  return s * sum;
}

/**
 * The p-quantile (0.5 < p < 1) of Student's t with `df` degrees of freedom (a positive integer, or
 * Infinity for the normal limit), by bisection on the exact CDF; accurate to about 1e-12.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`tQuantile: p must be in (0.5, 1), got ${p}`);
  if (!(df >= 1) || (Number.isFinite(df) && !Number.isInteger(df))) {
    throw new RangeError(`tQuantile: df must be a positive integer or Infinity, got ${df}`);
  }
  const normal = !Number.isFinite(df) || df > 100_000;
  const cdf = normal ? normalCdf : (t: number) => 0.5 + tTwoSidedMass(t, df) / 2;
  let lo = 0;
  let hi = 1;
  while (cdf(hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Interval {
  n: number;
  mean: number;
  /** sample standard deviation; NaN when n < 2 */
  sd: number;
  /** Student-t confidence interval of the mean; NaN when n < 2 */
  low: number;
  high: number;
}

/** Mean, sample sd and the two-sided Student-t confidence interval (default 95 %) of the mean. */
export function confidenceInterval(values: ArrayLike<number>, level = 0.95): Interval {
  const n = values.length;
  const m = mean(values);
  const sd = sampleSd(values);
  if (n < 2) return { n, mean: m, sd, low: NaN, high: NaN };
  const half = (tQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, low: m - half, high: m + half };
}

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks (Hyndman & Fan type 7,
 * as numpy's default and d3.quantile). Does not modify `values`; NaN for an empty list.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be in [0, 1], got ${p}`);
  const sorted = Float64Array.from(values).sort();
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
