/**
 * Listen before talk (docs/models/sinr.md, "LBT").
 *
 * Japan (ARIB STD-T108, the AS923 "LBT" channel plans of LoRaMac-node) and Korea require a device to
 * sense the channel before sending: carrier sense at −80 dBm over a 200 kHz receive bandwidth for
 * 5 ms (lorawan-facts 2.6). LoRaMac-node tries the enabled channels in random order and sends on the
 * first one found free; when none is free it reports that no channel is available and the frame
 * waits. Here: the device senses the channels in a random order for `senseMs` each, sends on the
 * first clear one, and when all are busy backs off for a uniform time in (0, `maxBackoffMs`] and
 * tries again (at most `maxAttempts` rounds; then it sends anyway, as the application would retry).
 */

/** The LBT rule's own parameters (the scenario schema composes them). */
export interface LbtParams {
  enabled: boolean;
  /** carrier-sense threshold, dBm (ARIB STD-T108: −80) */
  thresholdDbm: number;
  /** carrier-sense time per channel, ms (ARIB STD-T108: 5) */
  senseMs: number;
  /** longest random backoff when every channel is busy, ms */
  maxBackoffMs: number;
  /** rounds of sensing before the frame goes out regardless */
  maxAttempts: number;
}

/**
 * Whether a channel is busy for a device sensing it over [fromUs, toUs): any transmission that
 * overlaps the interval and reaches the device at or above the threshold. Powers and intervals are
 * the caller's (entries 0..count−1). Allocation-free.
 */
export function channelBusy(
  fromUs: number,
  toUs: number,
  thresholdDbm: number,
  startUs: ArrayLike<number>,
  endUs: ArrayLike<number>,
  heardDbm: ArrayLike<number>,
  count: number,
): boolean {
  for (let k = 0; k < count; k++) {
    if (startUs[k] < toUs && endUs[k] > fromUs && heardDbm[k] >= thresholdDbm) return true;
  }
  return false;
}

/** Backoff after a round with every channel busy, µs, from a uniform in (0, 1). */
export function lbtBackoffUs(p: LbtParams, u: number): number {
  return Math.max(1, Math.round(u * p.maxBackoffMs * 1000));
}
