/**
 * Copies of one downlink frame sent at the same instant by several GPS-synchronised gateways
 * (class B ping slots; docs/models/sinr.md, "Simulcast").
 *
 * Assumption (option `channel.combineCopies`): two copies of the same frame on the same channel and
 * data rate combine when they reach the device less than one chip (1/BW: 8 µs at 125 kHz) apart.
 * After de-chirping, a time offset of Δ shifts a copy's peak by Δ·BW bins; within one chip both
 * copies fall into the same DFT bin and the detector sees their energies together, further apart it
 * sees two peaks and the weaker copy is an interferer (the capture rule). Their carriers are not
 * phase-locked, so the power adds non-coherently: P = Σ P_k (the mean of |Σ h_k|² over random
 * phases). Liao et al. ("Multi-hop LoRa networks enabled by concurrent transmission", IEEE Access 5,
 * 2017) measured that a LoRa receiver decodes such synchronised identical frames reliably.
 * Limits: the beating of nearly equal carrier frequencies within a frame, and gateway timing error
 * (GPS: well under 1 µs), are not modelled; the arrival offset is the path-length difference / c.
 */

/** Speed of light, m/s. */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/** Arrival offset at a receiver of two copies sent `sendOffsetUs` apart over paths of `d1M` and `d2M`, µs. */
export function arrivalOffsetUs(d1M: number, d2M: number, sendOffsetUs: number): number {
  return Math.abs(sendOffsetUs + ((d2M - d1M) / SPEED_OF_LIGHT_M_PER_S) * 1e6);
}

/** Whether two copies arriving `offsetUs` apart combine at bandwidth `bwHz` (less than one chip). */
export function copiesCombine(offsetUs: number, bwHz: number): boolean {
  return offsetUs * bwHz < 1e6;
}
