/**
 * Binary searches in ascending arrays (event times, ping slots, frame starts and ends). `n` limits
 * the search to the first n entries, for typed arrays that grow by doubling and are only partly used.
 */

/** First index i < n with a[i] >= x, n when none. */
export function lowerBound(a: ArrayLike<number>, x: number, n: number = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i < n with a[i] > x, n when none. */
export function upperBound(a: ArrayLike<number>, x: number, n: number = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
