/**
 * Measurements of the distribution cases (2: class C session length, 4: class B capacity,
 * 7: two gateways), each next to its closed-form prediction.
 */
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import type { RunResult } from '../../src/sim/types.js';
import {
  classBFragmentStartsUs,
  classBMinPeriods,
  collidesAtDevice,
  logDistanceDb,
  offTimeSessionUs,
  slidingWindowSessionUs,
  slidingWindowStartUs,
} from './closed-form.js';
import { framesOf, gatewayAirtimeUs, runTraced, scenarioPoints } from './runs.js';

/** EU868 sub-band P (869.4–869.65 MHz, 10 %): RX2, beacons, ping slots, class C multicast (lorawan-facts 2.5). */
export const SUB_BAND_P = { loHz: 869_400_000, hiHz: 869_650_000, dutyCycle: 0.1 };

export interface SessionLengthRow {
  dr: number;
  model: 'off-time' | 'sliding-window';
  fragmentSizeBytes: number;
  frames: number;
  airtimeUs: number;
  /** first fragment start to last fragment end, µs */
  measuredUs: number;
  closedFormUs: number;
  /** fragments whose start differs from the closed form's */
  startMismatches: number;
  distributionDurationS: number;
  /** the first fragment goes out one clock tolerance after SessionTime */
  clockToleranceS: number;
  /** other gateway frames on sub-band P while the fragments went out (the closed form assumes none) */
  otherFramesOnBand: number;
  /** fragment starts relative to the first, s (for the figure) */
  startsS: Float64Array;
}

/** Case 2: one row per DR of `classc-offtime` or `classc-sliding`. */
export function measureClassCSessions(name: 'classc-offtime' | 'classc-sliding'): SessionLengthRow[] {
  return scenarioPoints(name).map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    const f = framesOf(r, 'fragment');
    const frames = f.rows.length;
    const first = f.startUs[0];
    const airtimeUs = r.transmissions.airtimeUs[f.rows[0]];
    const dc = SUB_BAND_P.dutyCycle;
    const model = s.gateways.dutyCycle;
    let startMismatches = 0;
    for (let i = 0; i < frames; i++) {
      const predicted = model === 'off-time' ? (i * airtimeUs) / dc : slidingWindowStartUs(i, airtimeUs, dc);
      if (f.startUs[i] - first !== predicted) startMismatches++;
    }
    const last = f.endUs[frames - 1];
    const others = gatewayAirtimeUs(r, ['beacon', 'setup', 'status', 'repair'], SUB_BAND_P, first, last).frames;
    return {
      dr: s.multicastGroup.dlDr,
      model,
      fragmentSizeBytes: s.fuotaTask.fragmentSizeBytes,
      frames,
      airtimeUs,
      measuredUs: last - first,
      closedFormUs: model === 'off-time' ? offTimeSessionUs(airtimeUs, frames, dc) : slidingWindowSessionUs(airtimeUs, frames, dc),
      startMismatches,
      distributionDurationS: r.summary.distributionDurationS,
      clockToleranceS: s.setup.clockSyncToleranceS,
      otherFramesOnBand: others,
      startsS: f.startUs.map((t) => (t - first) / 1e6),
    };
  });
}

export interface ClassBRow {
  pingPeriod: number;
  pingNb: number;
  model: 'off-time' | 'sliding-window';
  frames: number;
  airtimeUs: number;
  /** fragment starts from the run and from the slot-by-slot prediction, simulation µs */
  startsUs: Float64Array;
  predictedUs: Float64Array;
  /** most fragments sent in one beacon period */
  maxPerPeriod: number;
  /** beacon periods that carried fragments, and the capacity bound ceil(T / pingNb) */
  periodsUsed: number;
  minPeriods: number;
  distributionDurationS: number;
  devicesUpdated: number;
  devices: number;
}

/** Case 4: one row per point of `classb-capacity` (periodicity × duty-cycle model). */
export function measureClassB(): ClassBRow[] {
  return scenarioPoints('classb-capacity').map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    const f = framesOf(r, 'fragment');
    const airtimeUs = r.transmissions.airtimeUs[f.rows[0]];
    const gpsEpochUs = isoToGpsUs(s.startTime);
    const sessionStartUs = r.phases.find((p) => p.phase === 'distribution')!.startS * 1e6;
    const pingPeriod = s.multicastGroup.pingSlotPeriod;
    const predictedUs = classBFragmentStartsUs({
      gpsEpochUs,
      sessionStartUs,
      address: Number.parseInt(s.multicastGroup.mcAddr, 16) >>> 0,
      pingPeriod,
      frames: f.rows.length,
      airUs: airtimeUs,
      offTimeDutyCycle: s.gateways.dutyCycle === 'off-time' ? SUB_BAND_P.dutyCycle : null,
    });
    const perPeriod = new Map<number, number>();
    for (const t of f.startUs) {
      const b = Math.floor((gpsEpochUs + t) / 128e6);
      perPeriod.set(b, (perPeriod.get(b) ?? 0) + 1);
    }
    return {
      pingPeriod,
      pingNb: 4096 / pingPeriod,
      model: s.gateways.dutyCycle,
      frames: f.rows.length,
      airtimeUs,
      startsUs: f.startUs,
      predictedUs,
      maxPerPeriod: Math.max(...perPeriod.values()),
      periodsUsed: perPeriod.size,
      minPeriods: classBMinPeriods(f.rows.length, pingPeriod),
      distributionDurationS: r.summary.distributionDurationS,
      devicesUpdated: r.summary.devicesUpdated,
      devices: r.summary.devices,
    };
  });
}

export interface TwoGatewayRun {
  staggerMs: number;
  result: RunResult;
  /** per device: the two gateways' powers are within the capture threshold (prediction from geometry) */
  predictedLost: boolean[];
  /** per device: |difference of the two received powers|, dB */
  powerGapDb: Float64Array;
}

/** Case 7: the two points of `two-gateways` (transmissionIntervalMs 0 and 1000). */
export function measureTwoGateways(): TwoGatewayRun[] {
  return scenarioPoints('two-gateways').map((point) => {
    const s = point.scenario;
    const result = runTraced(point);
    const { xM, yM, count } = result.devices;
    const [ga, gb] = s.gateways.positions;
    const pl = s.channel.pathLoss;
    if (pl.model !== 'log-distance') throw new Error('two-gateways: the prediction assumes log-distance path loss');
    const loss = (dx: number, dy: number) => logDistanceDb(Math.hypot(dx, dy), pl.d0M, pl.pl0Db, pl.gamma);
    const gap = new Float64Array(count);
    const predictedLost: boolean[] = [];
    for (let d = 0; d < count; d++) {
      // same EIRP from both gateways and no shadowing: the power gap is the path-loss gap
      const la = loss(xM[d] - ga[0], yM[d] - ga[1]);
      const lb = loss(xM[d] - gb[0], yM[d] - gb[1]);
      gap[d] = Math.abs(la - lb);
      predictedLost.push(collidesAtDevice(-la, -lb));
    }
    return { staggerMs: s.multicastGroup.transmissionIntervalMs, result, predictedLost, powerGapDb: gap };
  });
}
