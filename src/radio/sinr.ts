/**
 * Reception by SINR (docs/models/sinr.md): the wanted frame's power against the receiver noise plus
 * the interference of overlapping frames, turned into a success probability by the PER model.
 *
 * Interference is summed as energy over the overlap, as the ns-3 lorawan module does
 * (`LoraInterferenceHelper`, lorawan-facts 6.3): interferer k counts with P_k · overlap_k / T, T the
 * wanted frame's duration. Each interferer is weighted by the isolation of its spreading factor,
 * so that it counts as the white noise that would hurt the wanted frame as much:
 *
 *   I = Σ_k w[SF][SF_k] · P_k · overlap_k / T,   w[s][j] = 10^((ISO[s][j] − θ_s) / 10)
 *   SINR = P / (N + I)
 *
 * θ_s is the datasheet's demodulator SNR at sensitivity (sensitivity.ts) and ISO the Goursaud /
 * ns-3 isolation matrix. Without noise, a single interfering SF gives SINR = θ_s exactly when
 * P / I_j = ISO[s][j]: the isolation threshold of ns-3 becomes the point where the PER model is at
 * the datasheet's test PER, with a soft edge around it. Inter-SF interference after de-chirping is
 * spread over the band like noise (Croce et al., "Impact of LoRa imperfect orthogonality", IEEE
 * Communications Letters 22(4), 2018), which is what the sum with N assumes; for co-SF interference
 * the weight only maps the 6 dB capture threshold (limits in the model page).
 */
import { ISOLATION_DB } from './interference.js';
import { requiredSnrDb } from './sensitivity.js';

/** How frames are judged: the sensitivity + capture thresholds, or SINR with a PER model. */
export type ReceptionModel = 'threshold' | 'sinr';

/** w[s][j] for s, j = SF7..SF12, flattened row-major (index (s − 7) * 6 + (j − 7)). */
export const EQUIVALENT_NOISE_WEIGHT: Float64Array = (() => {
  const w = new Float64Array(36);
  for (let s = 0; s < 6; s++) for (let j = 0; j < 6; j++) w[s * 6 + j] = 10 ** ((ISOLATION_DB[s][j] - requiredSnrDb(s + 7)) / 10);
  return w;
})();

function row(sf: number): number {
  if (!Number.isInteger(sf) || sf < 7 || sf > 12) throw new RangeError(`spreading factor ${sf} is not in 7..12`);
  return (sf - 7) * 6;
}

/**
 * Equivalent noise power of `count` interferers, mW: Σ w · 10^(dBm_k/10) · min(overlap_k, T) / T.
 * `overlapUs` null: every interferer overlaps the whole frame. Allocation-free.
 */
export function interferenceMw(
  signalSf: number,
  durationUs: number,
  dbm: ArrayLike<number>,
  sfs: ArrayLike<number>,
  overlapUs: ArrayLike<number> | null,
  count: number,
): number {
  const r = row(signalSf);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    let share = 1;
    if (overlapUs !== null) {
      const o = overlapUs[k];
      if (!(o > 0)) continue;
      share = o < durationUs ? o / durationUs : 1;
    }
    const j = sfs[k];
    if (!(j >= 7 && j <= 12)) throw new RangeError(`interferer spreading factor ${j} is not in 7..12`);
    sum += EQUIVALENT_NOISE_WEIGHT[r + j - 7] * 10 ** (dbm[k] / 10) * share;
  }
  return sum;
}

/** SINR in dB of a frame at `signalDbm` over noise `noiseDbm` plus `interferenceMw` (mW). */
export function sinrDb(signalDbm: number, noiseDbm: number, interferenceMw: number): number {
  if (interferenceMw <= 0) return signalDbm - noiseDbm;
  return signalDbm - 10 * Math.log10(10 ** (noiseDbm / 10) + interferenceMw);
}
