/**
 * How long a receive window stays open when nothing is sent (lorawan-facts.md 3.4) [V LMN
 * `RegionCommonComputeRxWindowParameters`]. The radio listens for a symbol timeout
 *   timeoutSymbols = max(ceil(((2·minRxSymbols − 8)·Tsym + 2·maxRxError) / Tsym), minRxSymbols)
 * and stops if no preamble is detected. Defaults: minRxSymbols = 6, maxRxError = 10 ms.
 * Class B uses the larger of maxRxError and the beacon precision (pass it as `maxRxErrorUs`).
 *
 * Local copy: the LoRaWAN class A module is meant to own this formula; unify when it exists.
 */

/** LoRaMac-node defaults (LoRaMac.c): minimum RX symbols and system max RX error. */
export const MIN_RX_SYMBOLS = 6;
export const SYSTEM_MAX_RX_ERROR_US = 10_000;

/** Symbol timeout of an empty window, symbols. Tsym in integer µs as LMN computes it. */
export function emptyRxWindowSymbols(sf: number, bwHz: number, maxRxErrorUs: number = SYSTEM_MAX_RX_ERROR_US, minRxSymbols: number = MIN_RX_SYMBOLS): number {
  const tSymUs = Math.floor((2 ** sf * 1e6) / bwHz);
  const n = Math.ceil(((2 * minRxSymbols - 8) * tSymUs + 2 * maxRxErrorUs) / tSymUs);
  return n > minRxSymbols ? n : minRxSymbols;
}

/** RX time of an empty window, µs (without radio wake-up): timeoutSymbols · Tsym. */
export function emptyRxWindowUs(sf: number, bwHz: number, maxRxErrorUs: number = SYSTEM_MAX_RX_ERROR_US, minRxSymbols: number = MIN_RX_SYMBOLS): number {
  return emptyRxWindowSymbols(sf, bwHz, maxRxErrorUs, minRxSymbols) * Math.floor((2 ** sf * 1e6) / bwHz);
}
