/** Pre-aggregation for plots of large fleets: nice histogram bins and quantile (ECDF) points. */

/** A "nice" step (1, 2 or 5 × 10^k) that splits `span` into about `target` bins. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

/** Counts of `values` (finite ones) in nice bins of equal width covering them all. */
export function histogram(values: ArrayLike<number>, targetBins = 30): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [];
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    // (nearly) one value: one bin starting at it
    let count = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
    return [{ start: lo, end: lo + niceStep(Math.max(1, Math.abs(lo)), targetBins), count }];
  }
  const step = niceStep(hi - lo, targetBins);
  const first = Math.floor(lo / step);
  const n = Math.max(1, Math.floor(hi / step) - first + 1);
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(n - 1, Math.floor(v / step) - first)]++;
  }
  // (first + k) * step, not a running sum, so the edges carry no accumulated rounding error
  return counts.map((count, k) => ({ start: (first + k) * step, end: (first + k + 1) * step, count }));
}

/** The empirical CDF at `points + 1` evenly spaced quantiles: [{ value, share }], value ascending. */
export function ecdfPoints(values: ArrayLike<number>, points = 200): Array<{ value: number; share: number }> {
  const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const out: Array<{ value: number; share: number }> = [];
  for (let q = 0; q <= points; q++) {
    const idx = Math.min(sorted.length - 1, Math.ceil((q / points) * sorted.length) - 1);
    out.push({ value: sorted[Math.max(0, idx)], share: Math.max(1, idx + 1) / sorted.length });
  }
  return out;
}
