/**
 * How long a receive window stays open when nothing is sent (lorawan-facts.md 3.4): a positional
 * shorthand over the class A module's `rxWindowTimeoutSymbols` / `emptyRxWindowUs`, which own the
 * LoRaMac-node formula. Without wake-up time. Prefer `src/lorawan/classa.ts` in new code.
 */
import { DEFAULT_MAX_RX_ERROR_US, DEFAULT_MIN_RX_SYMBOLS, emptyRxWindowUs as classAEmptyRxWindowUs, rxWindowTimeoutSymbols } from '../lorawan/classa.js';

/** Symbol timeout of an empty window, symbols. */
export function emptyRxWindowSymbols(sf: number, bwHz: number, maxRxErrorUs: number = DEFAULT_MAX_RX_ERROR_US, minRxSymbols: number = DEFAULT_MIN_RX_SYMBOLS): number {
  return rxWindowTimeoutSymbols(sf, bwHz, { maxRxErrorUs, minRxSymbols });
}

/** RX time of an empty window, µs (without radio wake-up): timeoutSymbols · Tsym. */
export function emptyRxWindowUs(sf: number, bwHz: number, maxRxErrorUs: number = DEFAULT_MAX_RX_ERROR_US, minRxSymbols: number = DEFAULT_MIN_RX_SYMBOLS): number {
  return classAEmptyRxWindowUs(sf, bwHz, { maxRxErrorUs, minRxSymbols });
}
