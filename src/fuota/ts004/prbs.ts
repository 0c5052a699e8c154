/**
 * The 23-bit pseudo-random generator behind the TS004 parity rows (TS004 v1.0.0 appendix;
 * reference ts004-algorithm.md 3.2): shift right, bit 0 XOR bit 5 enters at bit 22.
 * Seeds are below 2^24 and every state below 2^25, so 32-bit operators are exact.
 */
export function prbs23Step(x: number): number {
  return (x >>> 1) + (((x ^ (x >>> 5)) & 1) << 22);
}

/** Seed of the generator for coded fragment n = N - M (deployed v1 and v2 implementations). */
export function prbs23Seed(codedIndex: number): number {
  return 1 + 1001 * codedIndex;
}
