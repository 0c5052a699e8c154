/**
 * Interference from other networks on the same channels (docs/models/sinr.md, "External load").
 *
 * Per channel, foreign LoRa frames arrive as a Poisson process whose frames occupy a given share of
 * the airtime (the "duty-cycled load" of co-located networks): rate λ = share / frame duration.
 * Each frame has a fixed duration, a spreading factor drawn uniformly from a list, and a received
 * power drawn, separately for every receiver, from a normal distribution in dBm (the other
 * network's devices are somewhere around; their path to each receiver differs).
 *
 * Everything is counter-based: time is cut into 1 s windows, and the number of arrivals in window w
 * of channel c, their start times, spreading factors and powers are pure functions of
 * (seed, c, w, k, receiver). A query for the frames overlapping an interval regenerates the windows it
 * touches, so the load costs nothing where nobody listens and never depends on evaluation order.
 */
import { hash4, Purpose, uniform } from '../engine/rng.js';
import { normalFromUniforms } from './normal.js';

/** The external load: the model's own parameters (the scenario schema composes them). */
export interface ExternalLoadParams {
  /** share of each channel's airtime occupied by foreign frames, 0..1 (0: no load) */
  airtimeShare: number;
  /** duration of one foreign frame, ms */
  frameMs: number;
  /** mean received power of a foreign frame at a receiver, dBm */
  powerDbm: number;
  /** standard deviation of that power, dB */
  powerSigmaDb: number;
  /** spreading factors of the foreign frames, drawn uniformly */
  spreadingFactors: number[];
}

/** Length of the generation windows, µs. */
export const EXTERNAL_WINDOW_US = 1_000_000;
/** Most arrivals generated in one window (a cap far above any sensible mean). */
export const EXTERNAL_MAX_PER_WINDOW = 256;

/** Frames overlapping a query, written into caller-owned arrays (no allocation). */
export interface ExternalFrames {
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  readonly sf: Uint8Array;
  /** an id unique per (channel, window, arrival), the key of its power draws */
  readonly id: Uint32Array;
}

export function externalFrames(capacity: number): ExternalFrames {
  return { startUs: new Float64Array(capacity), endUs: new Float64Array(capacity), sf: new Uint8Array(capacity), id: new Uint32Array(capacity) };
}

/** Poisson variate of mean `mean` by inversion of one uniform (capped). */
export function poissonFromUniform(mean: number, u: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < EXTERNAL_MAX_PER_WINDOW) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** The channel's key for the draws: its frequency in kHz. */
function channelKey(freqHz: number): number {
  return Math.round(freqHz / 1000);
}

/**
 * Writes into `out` the foreign frames on channel `freqHz` that overlap [startUs, endUs), at most
 * `out.startUs.length`; returns how many.
 */
export function overlappingExternal(p: ExternalLoadParams, seed: number, freqHz: number, startUs: number, endUs: number, out: ExternalFrames): number {
  if (!(p.airtimeShare > 0)) return 0;
  const frameUs = p.frameMs * 1000;
  const mean = (p.airtimeShare / frameUs) * EXTERNAL_WINDOW_US;
  const c = channelKey(freqHz);
  const first = Math.max(0, Math.floor((startUs - frameUs) / EXTERNAL_WINDOW_US));
  const last = Math.floor(endUs / EXTERNAL_WINDOW_US);
  const cap = out.startUs.length;
  let n = 0;
  for (let w = first; w <= last && n < cap; w++) {
    const key = hash4(seed, Purpose.external, c, w);
    const count = poissonFromUniform(mean, uniform(key, Purpose.external, 0, 0));
    for (let k = 1; k <= count && n < cap; k++) {
      const s = w * EXTERNAL_WINDOW_US + Math.floor(uniform(key, Purpose.external, k, 1) * EXTERNAL_WINDOW_US);
      const e = s + frameUs;
      if (s >= endUs || e <= startUs) continue;
      out.startUs[n] = s;
      out.endUs[n] = e;
      out.sf[n] = p.spreadingFactors[Math.floor(uniform(key, Purpose.external, k, 2) * p.spreadingFactors.length)];
      out.id[n] = hash4(key, Purpose.external, k, 3);
      n++;
    }
  }
  return n;
}

/** Received power of foreign frame `id` at receiver `receiver` (any integer naming it), dBm. */
export function externalPowerDbm(p: ExternalLoadParams, seed: number, id: number, receiver: number): number {
  return p.powerDbm + p.powerSigmaDb * normalFromUniforms(uniform(seed, Purpose.external, id, 2 * receiver + 10), uniform(seed, Purpose.external, id, 2 * receiver + 11));
}
