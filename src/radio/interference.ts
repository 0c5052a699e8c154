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
export const SIR_EPSILON_DB = 1e-9;

/**
 * A co-SF interference sum (mW) above the signal's mW times this loses the frame for sure: the SIR
 * is then below CAPTURE_THRESHOLD_DB by 10·log10(1 + 1e-6) = 4.3e-6 dB, far more than
 * SIR_EPSILON_DB and the rounding of dBm → mW → dB (about 1e-14 dB), so `verdict` answers a loss
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
 * SIR_LINEAR_LIMIT[i][j] = 10^((SIR_EPSILON_DB − ISOLATION_DB[i][j]) / 10): a signal of P mW at SF
 * 7 + i meets its isolation against a sum S of SF 7 + j interferers iff S ≤ P · this, in exact
 * arithmetic (`sirHolds`).
 */
const SIR_LINEAR_LIMIT: ReadonlyArray<Float64Array> = ISOLATION_DB.map((row) => Float64Array.from(row, (db) => Math.pow(10, (SIR_EPSILON_DB - db) / 10)));

/**
 * A relative band around that linear bound inside which `sirHolds` works out the dB comparison
 * itself. The dB form (`limit − 10·log10(S) ≥ isolation`) and the bound each carry rounding of a
 * few units in the last place: about 1e-13 dB on powers of −150..+30 dBm, 2.3e-14 relative in mW.
 * Outside a band of 1e-9 both answer the same; inside, the dB form decides, so the answer is the
 * dB form's to the bit.
 */
const SIR_BAND = 1e-9;

/**
 * Whether an interference sum `sumMw` of one spreading factor leaves the SIR at or above
 * `isolationDb`: the dB comparison of `verdict` (`limit` = signal dBm + SIR_EPSILON_DB), answered
 * by comparing mW with `boundMw` (the signal's mW times SIR_LINEAR_LIMIT) away from the bound,
 * where it cannot differ, without a logarithm.
 */
function sirHolds(sumMw: number, boundMw: number, limit: number, isolationDb: number): boolean {
  // (a NaN bound fails both mW tests: the dB comparison decides)
  if (sumMw === 0 || sumMw < boundMw * (1 - SIR_BAND)) return true;
  if (pastBand(sumMw, boundMw)) return false;
  return limit - 10 * Math.log10(sumMw) >= isolationDb;
}

/** Whether `sumMw` is above the linear bound by more than SIR_BAND: lost without the dB form (false for a NaN bound). */
function pastBand(sumMw: number, boundMw: number): boolean {
  return sumMw > boundMw * (1 + SIR_BAND);
}

/** What `verdict` answers: the signal survives; it is lost; it is lost for sure (see VERDICT_FAILS_SURELY). */
export const VERDICT_SURVIVES = 0;
export const VERDICT_FAILS = 1;
/**
 * Lost with the interferers' sum at some spreading factor above its linear bound by more than the
 * band inside which the dB form decides (`sirHolds`). More interferers at any place in the list only
 * make each sum larger (floating-point rounding is monotone and every term is non-negative), so the
 * signal is lost against any list these are a subsequence of, per spreading factor (capture-memo.ts,
 * lesserPattern). Needs the signal's mW.
 */
export const VERDICT_FAILS_SURELY = 2;

/**
 * Core test on linear interferer sums: `w[k]` weights interferer k's power (1 for the power model,
 * overlap / duration for the energy model). Allocation-free: six accumulators, one pass. `linear`:
 * the powers are given in mW already (each exactly Math.pow(10, dBm / 10)), not in dBm.
 */
function verdict(
  signalDbm: number,
  signalSf: number,
  dbm: ArrayLike<number>,
  sfs: ArrayLike<number>,
  weightUs: ArrayLike<number> | null,
  durationUs: number,
  count: number,
  linear = false,
  signalMw = NaN,
): number {
  const sfRow = sfIndex(signalSf);
  const row = ISOLATION_DB[sfRow];
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
  // without the signal's mW (NaN) every bound is NaN, no mW comparison holds, and sirHolds takes the dB form
  const lin = SIR_LINEAR_LIMIT[sfRow];
  if (
    sirHolds(s7, signalMw * lin[0], limit, row[0]) &&
    sirHolds(s8, signalMw * lin[1], limit, row[1]) &&
    sirHolds(s9, signalMw * lin[2], limit, row[2]) &&
    sirHolds(s10, signalMw * lin[3], limit, row[3]) &&
    sirHolds(s11, signalMw * lin[4], limit, row[4]) &&
    sirHolds(s12, signalMw * lin[5], limit, row[5])
  ) return VERDICT_SURVIVES;
  // lost for sure where sirHolds answered without the dB form, at any spreading factor
  return pastBand(s7, signalMw * lin[0]) || pastBand(s8, signalMw * lin[1]) || pastBand(s9, signalMw * lin[2]) ||
    pastBand(s10, signalMw * lin[3]) || pastBand(s11, signalMw * lin[4]) || pastBand(s12, signalMw * lin[5])
    ? VERDICT_FAILS_SURELY : VERDICT_FAILS;
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
  return verdict(signalDbm, signalSf, interferersDbm, interfererSfs, null, 1, count) === VERDICT_SURVIVES;
}

/**
 * survivesInterference with the interferers' powers in mW, each exactly Math.pow(10, dBm / 10) of
 * its dBm value (a caller that keeps them saves the conversion): the same answer. `signalMw`, when
 * the caller has it, is the signal's Math.pow(10, signalDbm / 10) (within 1e-12 relative): the
 * comparisons are then made in mW where they cannot differ from the dB ones (`sirHolds`), which
 * saves a logarithm per interfering spreading factor; the answer is the same.
 */
export function survivesInterferenceMw(
  signalDbm: number,
  signalSf: number,
  interferersMw: ArrayLike<number>,
  interfererSfs: ArrayLike<number>,
  count: number,
  signalMw = NaN,
): boolean {
  return captureVerdictMw(signalDbm, signalSf, interferersMw, interfererSfs, count, signalMw) === VERDICT_SURVIVES;
}

/** survivesInterferenceMw's answer as a verdict: VERDICT_SURVIVES, VERDICT_FAILS or VERDICT_FAILS_SURELY. */
export function captureVerdictMw(
  signalDbm: number,
  signalSf: number,
  interferersMw: ArrayLike<number>,
  interfererSfs: ArrayLike<number>,
  count: number,
  signalMw: number,
): number {
  return verdict(signalDbm, signalSf, interferersMw, interfererSfs, null, 1, count, true, signalMw);
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
  return verdict(signalDbm, signalSf, interferersDbm, interfererSfs, overlapUs, signalDurationUs, count) === VERDICT_SURVIVES;
}
