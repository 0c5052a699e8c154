/**
 * Validation case 1: TS004 decoding statistics, measured the way the reference note measured them
 * (ts004-algorithm.md section 9): fragments N = 1, 2, 3, ... in order, M uncoded then coded without
 * limit, each lost independently with probability p, received ones fed to the device decoder until
 * it reports success. Overhead = fragments received at success − M.
 *
 * Also the coded-only experiment (TS004's own claim): every uncoded fragment lost, distinct coded
 * fragments drawn at random from the whole 14-bit range until the block decodes.
 */
import { stream } from '../../src/engine/rng.js';
import { MAX_FRAGMENT_COUNTER, type FecVariant } from '../../src/fuota/ts004/constants.js';
import { FragDecoder } from '../../src/fuota/ts004/decoder.js';
import { ParityRowCache } from '../../src/fuota/ts004/rows.js';

/** Random-stream purpose of these experiments (outside the simulator's own purposes). */
const PURPOSE_OVERHEAD = 0x7601;
const PURPOSE_CODED_ONLY = 0x7602;

export interface OverheadStats {
  trials: number;
  mean: number;
  /** sample standard deviation */
  sd: number;
  /** 95th / 99th percentile: the smallest value with at least 95 % / 99 % of the trials at or below it */
  p95: number;
  p99: number;
  max: number;
  /** share of trials with overhead 0 */
  pZero: number;
}

function decoder(rows: ParityRowCache): FragDecoder {
  return new FragDecoder({ nbFrag: rows.nbFrag, fragSizeBytes: 1, variant: rows.variant, maxLost: null, payload: false, rows });
}

/** Overhead of each trial (fragments received at success − M), systematic stream with loss p. */
export function overheadTrials(variant: FecVariant, nbFrag: number, lossP: number, trials: number, seed: number): Int32Array {
  const rows = new ParityRowCache(variant, nbFrag);
  const rnd = stream(seed, PURPOSE_OVERHEAD, nbFrag * 1000 + Math.round(lossP * 1000));
  const out = new Int32Array(trials);
  for (let t = 0; t < trials; t++) {
    const dec = decoder(rows);
    let received = 0;
    for (let n = 1; ; n++) {
      if (n > MAX_FRAGMENT_COUNTER) throw new Error(`no decode within ${MAX_FRAGMENT_COUNTER} fragments (M ${nbFrag}, p ${lossP})`);
      if (rnd() < lossP) continue;
      received++;
      if (dec.feed(n).status === 'decoded') break;
    }
    out[t] = received - nbFrag;
  }
  return out;
}

/**
 * Coded-only reception: per trial, the number of distinct random coded fragments beyond M that the
 * decoder needed (0 = exactly M were enough); -1 when `maxExtra` beyond M did not decode.
 */
export function codedOnlyTrials(variant: FecVariant, nbFrag: number, trials: number, seed: number, maxExtra = 64): Int32Array {
  const rows = new ParityRowCache(variant, nbFrag);
  const rnd = stream(seed, PURPOSE_CODED_ONLY, nbFrag);
  const range = MAX_FRAGMENT_COUNTER - nbFrag;
  const out = new Int32Array(trials);
  const seen = new Uint8Array(range + 1);
  for (let t = 0; t < trials; t++) {
    const dec = decoder(rows);
    const drawn: number[] = [];
    out[t] = -1;
    while (drawn.length < nbFrag + maxExtra) {
      const n = 1 + Math.floor(rnd() * range);
      if (seen[n]) continue;
      seen[n] = 1;
      drawn.push(n);
      if (dec.feed(nbFrag + n).status === 'decoded') {
        out[t] = drawn.length - nbFrag;
        break;
      }
    }
    for (const n of drawn) seen[n] = 0;
  }
  return out;
}

export function overheadStats(values: Int32Array): OverheadStats {
  const n = values.length;
  const sorted = Int32Array.from(values).sort();
  let sum = 0;
  let zeros = 0;
  for (const v of sorted) {
    sum += v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * n) - 1)];
  return { trials: n, mean, sd: Math.sqrt(ss / (n - 1)), p95: rank(0.95), p99: rank(0.99), max: sorted[n - 1], pZero: zeros / n };
}

/** Share of trials whose value exceeds k. */
export function shareAbove(values: Int32Array, k: number): number {
  let c = 0;
  for (const v of values) if (v > k) c++;
  return c / values.length;
}

/** Share of coded-only trials decoded with at most M + k fragments. */
export function shareDecodedWithin(values: Int32Array, k: number): number {
  let c = 0;
  for (const v of values) if (v >= 0 && v <= k) c++;
  return c / values.length;
}

/**
 * A dense random binary code: probability that L unknowns are solved by L + k random equations,
 * for large L: prod over i > k of (1 − 2^-i) (0.2888 for k = 0, 0.9922 for k = 7).
 */
export function denseCodeSuccess(k: number): number {
  let p = 1;
  for (let i = k + 1; i <= 64; i++) p *= 1 - 2 ** -i;
  return p;
}

/** Mean overhead of a dense random binary code: sum over k >= 0 of P(not solved with L + k), about 1.607. */
export function denseCodeMeanOverhead(): number {
  let m = 0;
  for (let k = 0; k <= 64; k++) m += 1 - denseCodeSuccess(k);
  return m;
}
