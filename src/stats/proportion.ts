/**
 * Intervals for shares of a fleet (updatedRatio and friends), which must stay within [0, 1].
 *
 * A sweep point's share has two sources of uncertainty: the devices (each one updates or not) and
 * the replications (another seed moves devices and draws other losses). The interval the plots and
 * the sweep report show for a share is the wider envelope of
 * - the Wilson score interval of the pooled devices (k updated of n, over every replication;
 *   Wilson 1927, as recommended by Brown, Cai & DasGupta 2001 "Interval Estimation for a Binomial
 *   Proportion"): it stays within [0, 1] and does not collapse to a point at 0 % or 100 %, and
 * - the Student-t interval of the mean over replications, clamped to [0, 1]: it carries the
 *   run-to-run spread the Wilson interval (devices as independent trials) leaves out.
 * aggregate.csv keeps the plain Student-t columns (mean, sd, ci95Low, ci95High) of every metric.
 */
import { confidenceInterval } from './descriptive.js';

/** The standard normal 0.975 quantile: two-sided 95 %. */
const Z95 = 1.959963984540054;

/** The Wilson score interval of k successes in n trials (default 95 %); null when n = 0. */
export function wilsonInterval(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ShareInterval {
  mean: number;
  low: number | null;
  high: number | null;
}

/**
 * Mean share over replications with the interval described above. `counts`, when known, are the
 * devices behind each share ({ k, n } per replication).
 */
export function shareInterval(shares: readonly number[], counts: ReadonlyArray<{ k: number; n: number }> | null): ShareInterval | null {
  if (shares.length === 0) return null;
  const ci = confidenceInterval(shares);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  let low = Number.isFinite(ci.low) ? clamp(ci.low) : null;
  let high = Number.isFinite(ci.high) ? clamp(ci.high) : null;
  if (counts && counts.length > 0) {
    const w = wilsonInterval(counts.reduce((s, c) => s + c.k, 0), counts.reduce((s, c) => s + c.n, 0));
    if (w) {
      low = low === null ? w.low : Math.min(low, w.low);
      high = high === null ? w.high : Math.max(high, w.high);
    }
  }
  return { mean: ci.mean, low, high };
}
