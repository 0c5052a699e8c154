/**
 * Interference at a receiver: co-SF capture and inter-SF isolation (docs/models/reception.md).
 *
 * Source: the Goursaud et al. isolation matrix as used by the ns-3 lorawan module
 * (`lora-interference-helper.cc`) [V], lorawan-facts.md 6.3. A signal survives iff, for every
 * interfering SF, SIR = P_signal / Σ P_interferers(of that SF) ≥ ISOLATION_DB[signal SF][that SF].
 * Frequency rule (LoRaSim [V]): frames only interfere when |Δf| ≤ 30/60/120 kHz at BW 125/250/500.
 */

/** Co-SF capture threshold, dB: the wanted frame must be this much stronger [V LSIM, NS3]. */
export const CAPTURE_THRESHOLD_DB = 6;

/** Rows: signal SF7..SF12; columns: interferer SF7..SF12; SIR needed in dB [V NS3, Goursaud]. */
export const ISOLATION_DB: ReadonlyArray<ReadonlyArray<number>> = Object.freeze([
  Object.freeze([6, -16, -18, -19, -19, -20]),
  Object.freeze([-24, 6, -20, -22, -22, -22]),
  Object.freeze([-27, -27, 6, -23, -25, -25]),
  Object.freeze([-30, -30, -30, 6, -26, -28]),
  Object.freeze([-33, -33, -33, -33, 6, -29]),
  Object.freeze([-36, -36, -36, -36, -36, 6]),
]);

/**
 * Tolerance on the SIR comparison, dB: absorbs the rounding of dBm → mW → dB so that a SIR of
 * exactly the threshold (e.g. 6 dB) survives as the rule intends.
 */
const SIR_EPSILON_DB = 1e-9;

/**
 * A co-SF interference sum (mW) above the signal's mW times this loses the frame for sure: the SIR
 * is then below CAPTURE_THRESHOLD_DB by 10·log10(1 + 1e-6) = 4.3e-6 dB, far more than
 * SIR_EPSILON_DB and the rounding of dBm → mW → dB (about 1e-14 dB), so `survives` answers false
 * for any further non-negative terms. Lets a caller stop summing early (uplinks.ts).
 */
export const SURE_CAPTURE_LOSS_RATIO = Math.pow(10, -CAPTURE_THRESHOLD_DB / 10) * (1 + 1e-6);

function sfIndex(sf: number): number {
  if (!Number.isInteger(sf) || sf < 7 || sf > 12) throw new RangeError(`spreading factor ${sf} is not in 7..12`);
  return sf - 7;
}

/** SIR the signal at `signalSf` needs against interferers at `interfererSf`, dB. */
export function isolationDb(signalSf: number, interfererSf: number): number {
  return ISOLATION_DB[sfIndex(signalSf)][sfIndex(interfererSf)];
}

/** Whether two carriers overlap enough to interfere: |Δf| ≤ 30/60/120 kHz for BW 125/250/500 [V LSIM]. */
export function frequenciesCollide(freqAHz: number, freqBHz: number, bwHz: number): boolean {
  return Math.abs(freqAHz - freqBHz) <= bwHz * 0.24;
}

/**
 * Core test on linear interferer sums: `w[k]` weights interferer k's power (1 for the power model,
 * overlap / duration for the energy model). Allocation-free: six accumulators, one pass. `linear`:
 * the powers are given in mW already (each exactly Math.pow(10, dBm / 10)), not in dBm.
 */
function survives(
  signalDbm: number,
  signalSf: number,
  dbm: ArrayLike<number>,
  sfs: ArrayLike<number>,
  weightUs: ArrayLike<number> | null,
  durationUs: number,
  count: number,
  linear = false,
): boolean {
  const row = ISOLATION_DB[sfIndex(signalSf)];
  let s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0;
  for (let k = 0; k < count; k++) {
    let mw = linear ? dbm[k] : Math.pow(10, dbm[k] / 10);
    if (weightUs !== null) {
      const o = weightUs[k];
      if (!(o > 0)) continue;
      mw *= (o < durationUs ? o : durationUs) / durationUs;
    }
    switch (sfs[k]) {
      case 7: s7 += mw; break;
      case 8: s8 += mw; break;
      case 9: s9 += mw; break;
      case 10: s10 += mw; break;
      case 11: s11 += mw; break;
      case 12: s12 += mw; break;
      default: throw new RangeError(`interferer spreading factor ${sfs[k]} is not in 7..12`);
    }
  }
  const limit = signalDbm + SIR_EPSILON_DB;
  return (
    (s7 === 0 || limit - 10 * Math.log10(s7) >= row[0]) &&
    (s8 === 0 || limit - 10 * Math.log10(s8) >= row[1]) &&
    (s9 === 0 || limit - 10 * Math.log10(s9) >= row[2]) &&
    (s10 === 0 || limit - 10 * Math.log10(s10) >= row[3]) &&
    (s11 === 0 || limit - 10 * Math.log10(s11) >= row[4]) &&
    (s12 === 0 || limit - 10 * Math.log10(s12) >= row[5])
  );
}

/**
 * Power model: the signal survives iff for every interfering SF the SIR against the linear sum of
 * that SF's interferers (entries 0..count-1 of `interferersDbm`/`interfererSfs`) reaches the
 * isolation value. Callers pass only frames that overlap in time and frequency.
 */
export function survivesInterference(
  signalDbm: number,
  signalSf: number,
  interferersDbm: ArrayLike<number>,
  interfererSfs: ArrayLike<number>,
  count: number,
): boolean {
  return survives(signalDbm, signalSf, interferersDbm, interfererSfs, null, 1, count);
}

/**
 * survivesInterference with the interferers' powers in mW, each exactly Math.pow(10, dBm / 10) of
 * its dBm value (a caller that keeps them saves the conversion): the same answer.
 */
export function survivesInterferenceMw(
  signalDbm: number,
  signalSf: number,
  interferersMw: ArrayLike<number>,
  interfererSfs: ArrayLike<number>,
  count: number,
): boolean {
  return survives(signalDbm, signalSf, interferersMw, interfererSfs, null, 1, count, true);
}

/**
 * Energy model (ns-3): compares the signal's energy P_s·T_s with Σ P_k·overlap_k per interfering
 * SF, i.e. each interferer's power is weighted by overlapUs[k] / signalDurationUs (overlap clamped
 * to [0, signalDurationUs]; interferers with no overlap are ignored).
 */
export function survivesInterferenceEnergy(
  signalDbm: number,
  signalSf: number,
  signalDurationUs: number,
  interferersDbm: ArrayLike<number>,
  interfererSfs: ArrayLike<number>,
  overlapUs: ArrayLike<number>,
  count: number,
): boolean {
  if (!(signalDurationUs > 0)) throw new RangeError(`signal duration ${signalDurationUs} µs must be positive`);
  return survives(signalDbm, signalSf, interferersDbm, interfererSfs, overlapUs, signalDurationUs, count);
}
