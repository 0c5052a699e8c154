/**
 * Class A receive windows (lorawan-facts.md 2.3 and 3.4).
 *
 * RX1 opens 1 s and RX2 2 s after the end of an uplink (RP002 defaults for all supported regions;
 * ChirpStack `get_defaults`). When nothing is sent, the radio listens for a symbol timeout and then
 * stops (LoRaMac-node `RegionCommonComputeRxWindowParameters`):
 *   timeoutSymbols = max(ceil(((2·minRxSymbols − 8)·Tsym + 2·maxRxError) / Tsym), minRxSymbols)
 *   windowOffset   = ceil((4·Tsym − timeoutSymbols·Tsym/2 − wakeup) / 1 ms) ms
 * with minRxSymbols = 6 and maxRxError = 10 ms by default. Class B ping slots and beacons use the
 * same rule (with the larger of the error and the beacon precision).
 */
import { symbolTimeUs } from '../radio/airtime.js';

export const RX1_DELAY_US = 1_000_000;
export const RX2_DELAY_US = 2_000_000;
export const JOIN_ACCEPT_DELAY1_US = 5_000_000;
export const JOIN_ACCEPT_DELAY2_US = 6_000_000;
/** LoRaMac-node defaults (LoRaMac.c) */
export const DEFAULT_MIN_RX_SYMBOLS = 6;
export const DEFAULT_MAX_RX_ERROR_US = 10_000;

export interface RxWindowOptions {
  /** symbols the radio needs to detect a preamble; default 6 */
  minRxSymbols?: number;
  /** system timing error either side of the expected start, µs; default 10 000 */
  maxRxErrorUs?: number;
  /** radio wake-up (plus TCXO start) before the window, µs; default 0 */
  wakeupUs?: number;
}

/** Symbol timeout of an RX window (symbols). */
export function rxWindowTimeoutSymbols(sf: number, bwHz: number, opts: RxWindowOptions = {}): number {
  const minRx = opts.minRxSymbols ?? DEFAULT_MIN_RX_SYMBOLS;
  const errUs = opts.maxRxErrorUs ?? DEFAULT_MAX_RX_ERROR_US;
  const tsymUs = symbolTimeUs(sf, bwHz);
  return Math.max(Math.ceil(((2 * minRx - 8) * tsymUs + 2 * errUs) / tsymUs), minRx);
}

/** Window start relative to the nominal RX time, whole ms (negative = opens early), as LoRaMac-node computes it. */
export function rxWindowOffsetMs(sf: number, bwHz: number, opts: RxWindowOptions = {}): number {
  const tsymUs = symbolTimeUs(sf, bwHz);
  const timeout = rxWindowTimeoutSymbols(sf, bwHz, opts);
  return Math.ceil((4 * tsymUs - (timeout * tsymUs) / 2 - (opts.wakeupUs ?? 0)) / 1000);
}

/** Time the radio spends receiving in a window where nothing arrives, µs (timeout symbols + wake-up). */
export function emptyRxWindowUs(sf: number, bwHz: number, opts: RxWindowOptions = {}): number {
  return rxWindowTimeoutSymbols(sf, bwHz, opts) * symbolTimeUs(sf, bwHz) + (opts.wakeupUs ?? 0);
}
