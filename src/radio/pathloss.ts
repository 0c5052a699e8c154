/**
 * Path loss between a device and a gateway, in dB (a positive number: bigger means weaker).
 *
 * Sources (see docs/models/propagation.md and lorawan-facts.md 6.1):
 * - log-distance `PL(d) = PL(d0) + 10·γ·log10(d/d0)`, as in the LoRaSim paper (Bor & Voigt, MSWiM'16)
 *   [V LSIM parameters]. The LoRaSim code uses the natural log; we follow the paper (base 10).
 * - Okumura-Hata, small/medium-city mobile-antenna correction, with the suburban and open-area
 *   (rural) corrections: the standard textbook form [U: constants not re-checked against a source].
 *
 * Distance handling: distances below {@link MIN_DISTANCE_M} are clamped to it (log of 0 is −∞).
 * Log-distance extrapolates below d0 as the formula says. Okumura-Hata is specified for 1–20 km; it is
 * extrapolated on both sides, and below 1 km its loss is floored at the free-space loss, so the loss
 * stays monotone in distance and never drops below physics (Hata falls under free space below ≈ 5 m).
 */
/** Path-loss model and its parameters (scenario field channel.pathLoss). */
export type PathLossModel =
  | { model: 'log-distance'; d0M: number; pl0Db: number; gamma: number }
  | { model: 'okumura-hata'; frequencyMHz: number | null; gatewayHeightM: number; deviceHeightM: number; environment: 'urban' | 'suburban' | 'rural' };

/** Smallest distance any model is evaluated at, m. */
export const MIN_DISTANCE_M = 1;

/** Free-space loss (Friis) in dB: 20·log10(4π·d·f/c). */
export function freeSpaceLossDb(distanceM: number, freqHz: number): number {
  const d = distanceM < MIN_DISTANCE_M ? MIN_DISTANCE_M : distanceM;
  return 20 * Math.log10((4 * Math.PI * d * freqHz) / 299_792_458);
}

/** `PL0 + 10·γ·log10(d/d0)`; base-10 logarithm as in the LoRaSim paper. */
export function logDistanceLossDb(d0M: number, pl0Db: number, gamma: number, distanceM: number): number {
  const d = distanceM < MIN_DISTANCE_M ? MIN_DISTANCE_M : distanceM;
  return pl0Db + 10 * gamma * Math.log10(d / d0M);
}

export type HataEnvironment = 'urban' | 'suburban' | 'rural';

/**
 * Okumura-Hata median loss, dB. f in MHz (150–1500), base-station height hb 30–200 m, mobile height
 * hm 1–10 m, d in km. Urban uses the small/medium-city correction a(hm); suburban subtracts
 * 2·(log10(f/28))² + 5.4; rural (open area) subtracts 4.78·(log10 f)² − 18.33·log10 f + 40.94.
 * The raw formula, without the distance clamp or free-space floor of {@link pathLossDb}.
 */
export function hataLossDb(freqMHz: number, gatewayHeightM: number, deviceHeightM: number, distanceKm: number, environment: HataEnvironment): number {
  const lf = Math.log10(freqMHz);
  const lhb = Math.log10(gatewayHeightM);
  const aHm = (1.1 * lf - 0.7) * deviceHeightM - (1.56 * lf - 0.8);
  const urban = 69.55 + 26.16 * lf - 13.82 * lhb - aHm + (44.9 - 6.55 * lhb) * Math.log10(distanceKm);
  if (environment === 'urban') return urban;
  if (environment === 'suburban') {
    const x = Math.log10(freqMHz / 28);
    return urban - 2 * x * x - 5.4;
  }
  return urban - 4.78 * lf * lf + 18.33 * lf - 40.94;
}

/**
 * Path loss of `model` at `distanceM` and carrier `freqHz`, dB. For Okumura-Hata a non-null
 * `frequencyMHz` in the model overrides `freqHz`.
 */
export function pathLossDb(model: PathLossModel, distanceM: number, freqHz: number): number {
  const d = distanceM < MIN_DISTANCE_M ? MIN_DISTANCE_M : distanceM;
  if (model.model === 'log-distance') return logDistanceLossDb(model.d0M, model.pl0Db, model.gamma, d);
  const fMHz = model.frequencyMHz ?? freqHz / 1e6;
  const hata = hataLossDb(fMHz, model.gatewayHeightM, model.deviceHeightM, d / 1000, model.environment);
  if (d >= 1000) return hata;
  const fs = freeSpaceLossDb(d, fMHz * 1e6);
  return hata > fs ? hata : fs;
}

/**
 * `pathLossDb` for one model and carrier as a function of distance alone, with everything that does
 * not depend on the distance worked out once: the same operations in the same order on the same
 * values, so the same results to the bit (test/radio/pathloss.test.ts). The link table evaluates
 * one model at every device–gateway pair, 10^8 of them for a million devices under 100 gateways.
 */
export function pathLossFunction(model: PathLossModel, freqHz: number): (distanceM: number) => number {
  if (model.model === 'log-distance') {
    const { d0M, pl0Db, gamma } = model;
    return (distanceM) => logDistanceLossDb(d0M, pl0Db, gamma, distanceM < MIN_DISTANCE_M ? MIN_DISTANCE_M : distanceM);
  }
  const fMHz = model.frequencyMHz ?? freqHz / 1e6;
  const fHz = fMHz * 1e6;
  // hataLossDb's terms; its sums run left to right, so their distance-free prefix is a constant
  const lf = Math.log10(fMHz);
  const lhb = Math.log10(model.gatewayHeightM);
  const aHm = (1.1 * lf - 0.7) * model.deviceHeightM - (1.56 * lf - 0.8);
  const urbanBase = 69.55 + 26.16 * lf - 13.82 * lhb - aHm;
  const slope = 44.9 - 6.55 * lhb;
  const x = Math.log10(fMHz / 28);
  const suburbanSquare = 2 * x * x;
  const ruralSquare = 4.78 * lf * lf;
  const ruralLinear = 18.33 * lf;
  const environment = model.environment;
  return (distanceM) => {
    const d = distanceM < MIN_DISTANCE_M ? MIN_DISTANCE_M : distanceM;
    const urban = urbanBase + slope * Math.log10(d / 1000);
    const hata = environment === 'urban' ? urban : environment === 'suburban' ? urban - suburbanSquare - 5.4 : urban - ruralSquare + ruralLinear - 40.94;
    if (d >= 1000) return hata;
    const fs = freeSpaceLossDb(d, fHz);
    return hata > fs ? hata : fs;
  };
}
