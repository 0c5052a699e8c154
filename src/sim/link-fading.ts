/**
 * Fading of one frame on one device–gateway link, both directions (docs/models/propagation.md):
 * none; "rayleigh", independent per frame and receiver (counter-based on the device and the frame
 * key); "clarke", correlated in time per link (a pure function of the link and the frame's start,
 * the same for the uplink and the downlink). Interferers are faded on their own link the same way.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { clarkeFadingDb } from '../radio/fading.js';
import { rayleighFadingDb } from '../radio/normal.js';
import type { ResolvedScenario } from '../scenario/types.js';

/** Fading modes as small integers for the hot loops. */
export const FADE_NONE = 0;
export const FADE_RAYLEIGH = 1;
export const FADE_CLARKE = 2;

export function fadingMode(s: ResolvedScenario): number {
  return s.channel.fading === 'rayleigh' ? FADE_RAYLEIGH : s.channel.fading === 'clarke' ? FADE_CLARKE : FADE_NONE;
}

/**
 * Power gain (dB) of a frame on the link (device d, gateway g) of a fleet with `gateways` gateways.
 * Rayleigh: a draw keyed by (a, b) — downlinks (Purpose.fading, device, downlink id), uplinks
 * (Purpose.uplinkFading, uplink id, gateway). Clarke: `startUs` places the frame on the link's process.
 */
export function linkFadeDb(mode: number, seed: number, dopplerHz: number, d: number, g: number, gateways: number, purpose: number, a: number, b: number, startUs: number): number {
  if (mode === FADE_RAYLEIGH) return rayleighFadingDb(uniform(seed, purpose, a, b));
  if (mode === FADE_CLARKE) return clarkeFadingDb(seed, d * gateways + g, startUs, dopplerHz);
  return 0;
}
