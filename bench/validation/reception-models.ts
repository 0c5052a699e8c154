/**
 * Numbers behind the validation cases of the SINR reception models (docs/validation.md): the PER
 * model against the exact detector and the datasheet, correlated shadowing against Gudmundson,
 * Clarke fading against J0², demodulation paths against Erlang B. Shared by test/validation and
 * bench/validation/reception-figures.ts.
 */
import { uniform } from '../../src/engine/rng.js';
import { clarkeGain } from '../../src/radio/fading.js';
import { deviceReceiverNoise, gatewayReceiverNoise } from '../../src/radio/noise.js';
import { frameErrorRate, frameSymbols } from '../../src/radio/per.js';
import { exactSymbolErrorRate, symbolErrorRate } from '../../src/radio/ser.js';
import { deviceSensitivityDbm, noiseFloorDbm } from '../../src/radio/sensitivity.js';
import { fieldValue, shadowingField } from '../../src/radio/shadowing.js';
import { DemodulatorPaths } from '../../src/sim/demodulators.js';

export const SFS = [7, 8, 9, 10, 11, 12];

/** SNR (dB) at which `f` (decreasing in SNR) crosses `target`, by bisection. */
export function snrAt(f: (snrLinear: number) => number, target: number): number {
  let lo = -40, hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(10 ** (mid / 10)) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface SerRow { sf: number; ser: number; closedDb: number; exactDb: number }

/** SNR needed for SER 1e-2 … 1e-5: Elshabrawy & Robert closed form against the exact detector. */
export function serComparison(): SerRow[] {
  const rows: SerRow[] = [];
  for (const sf of SFS) for (const ser of [1e-2, 1e-3, 1e-4, 1e-5]) {
    rows.push({ sf, ser, closedDb: snrAt((g) => symbolErrorRate(g, sf), ser), exactDb: snrAt((g) => exactSymbolErrorRate(g, sf), ser) });
  }
  return rows;
}

export interface SensitivityRow { sf: number; bwHz: number; datasheetDbm: number; modelDbm: number }

/**
 * SX1276 sensitivity at 250 and 500 kHz predicted by the PER model calibrated at 125 kHz (the
 * datasheet's test: 1 % PER, 10-byte payload, CR 4/6) against the datasheet's own values.
 */
export function sensitivityOutOfSample(): SensitivityRow[] {
  const noise = deviceReceiverNoise('sx1276', 'datasheet');
  const rows: SensitivityRow[] = [];
  for (const bwHz of [250_000, 500_000]) for (const sf of SFS) {
    const n = frameSymbols(sf, bwHz, 10, true, 2);
    const snr = snrAt((g) => frameErrorRate(10 * Math.log10(g), sf, n, noise.lossDb[sf]), 0.01);
    rows.push({ sf, bwHz, datasheetDbm: deviceSensitivityDbm('sx1276', sf, bwHz), modelDbm: noiseFloorDbm(bwHz, noise.noiseFigureDb) + snr });
  }
  return rows;
}

/** Implementation losses of the calibrated receivers, dB, SF7..SF12. */
export function implementationLosses(): Record<string, number[]> {
  return {
    sx1276: SFS.map((sf) => deviceReceiverNoise('sx1276', 'datasheet').lossDb[sf]),
    sx1262: SFS.map((sf) => deviceReceiverNoise('sx1262', 'datasheet').lossDb[sf]),
    gateway: SFS.map((sf) => gatewayReceiverNoise('datasheet').lossDb[sf]),
  };
}

/** PER curves (1 − success) of a 20-byte uplink per SF at the gateway, for the figure. */
export function perCurves(): Array<{ sf: number; snrDb: number; per: number; model: string }> {
  const gw = gatewayReceiverNoise('datasheet');
  const out: Array<{ sf: number; snrDb: number; per: number; model: string }> = [];
  for (const sf of SFS) {
    const n = frameSymbols(sf, 125_000, 33, true);
    for (let db = -26; db <= -2; db += 0.25) {
      const ideal = frameErrorRate(db, sf, n);
      const cal = frameErrorRate(db, sf, n, gw.lossDb[sf]);
      if (ideal > 1e-4 && ideal < 0.9999) out.push({ sf, snrDb: db, per: ideal, model: 'ideal detector' });
      if (cal > 1e-4 && cal < 0.9999) out.push({ sf, snrDb: db, per: cal, model: 'calibrated (gateway)' });
    }
  }
  return out;
}

/** Pearson correlation of correlated shadowing at separation Δ, over `pairs` random pairs and seeds. */
export function shadowingCorrelation(deltaM: number, distanceM: number, pairs: number, oneField: boolean): number {
  const single = shadowingField(1, 0, distanceM);
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let k = 0; k < pairs; k++) {
    const f = oneField ? single : shadowingField(k + 1000, 0, distanceM);
    const x = uniform(5, 99, k, 0) * 20_000 - 10_000;
    const y = uniform(5, 99, k, 1) * 20_000 - 10_000;
    const ang = uniform(5, 99, k, 2) * 2 * Math.PI;
    const a = fieldValue(f, x, y);
    const b = fieldValue(f, x + deltaM * Math.cos(ang), y + deltaM * Math.sin(ang));
    sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
  }
  const n = pairs;
  return (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

/** Bessel J0 by its power series (|x| < 15). */
export function besselJ0(x: number): number {
  let term = 1, sum = 1;
  for (let k = 1; k < 80; k++) { term *= -(x * x) / (4 * k * k); sum += term; }
  return sum;
}

/** Correlation of the Clarke power gain between t and t + τ, over `links` links. */
export function fadingCorrelation(dopplerHz: number, tauS: number, links: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let l = 0; l < links; l++) {
    const a = clarkeGain(2, l, 1e6, dopplerHz);
    const b = clarkeGain(2, l, 1e6 + tauS * 1e6, dopplerHz);
    sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
  }
  const n = links;
  return (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

/** Erlang B blocking probability of `servers` servers at offered load `a` Erlang. */
export function erlangB(a: number, servers: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Share of Poisson arrivals (load `a` Erlang, fixed holding time) that find all 8 paths busy. */
export function measuredBlocking(a: number, arrivals: number, seed: number): number {
  const holdUs = 100_000;
  const rate = a / holdUs;
  const paths = new DemodulatorPaths(1, 8);
  let t = 0;
  for (let k = 0; k < arrivals; k++) {
    t += -Math.log(uniform(seed, 77, k, 0)) / rate;
    paths.lock(0, t, t + holdUs);
  }
  return paths.lostAllBusy[0] / arrivals;
}
