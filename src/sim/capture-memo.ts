/**
 * Remembered capture outcomes of the multicast loop (reception.ts). With threshold reception and
 * fixed powers (no fading, every interferer at the wanted frame's spreading factor, no external load
 * or copy combining) whether device d keeps a frame of gateway g is a function of d, g and the
 * ordered list of the interferers' gateways alone (DownlinkRx.interferenceOk sums their linear powers
 * in that order). Gateways send the same pattern of overlapping copies fragment after fragment, so
 * the outcome is worked out once per (gateway, pattern, device in reach) and read back after.
 */
import type { DownlinkRx } from './downlink-rx.js';

export const CAPTURE_UNKNOWN = 0;
export const CAPTURE_OK = 1;
export const CAPTURE_FAILS = 2;

/** Patterns remembered per gateway; beyond, frames are evaluated without a memo. */
const MAX_PATTERNS = 8;

export class CaptureMemo {
  private byGateway = new Map<number, Map<string, Uint8Array>>();

  /** Forgets everything (the reach lists were rebuilt: positions in them changed). */
  reset(): void {
    this.byGateway = new Map();
  }

  /**
   * The outcomes for the frame being delivered by gateway g against the interferers `rx` collected,
   * by position in g's reach list (`listLength` devices); null when g has too many patterns.
   */
  outcomes(g: number, rx: DownlinkRx, listLength: number): Uint8Array | null {
    let patterns = this.byGateway.get(g);
    if (patterns === undefined) this.byGateway.set(g, (patterns = new Map()));
    let key = '';
    for (let i = 0; i < rx.nInt; i++) key += `${rx.intGw[i]},`;
    let memo = patterns.get(key);
    if (memo === undefined) {
      if (patterns.size >= MAX_PATTERNS) return null;
      patterns.set(key, (memo = new Uint8Array(listLength)));
    }
    return memo;
  }
}
