/**
 * Device clocks and TS003 clock synchronisation (lorawan-facts 4.3).
 *
 * A device's clock reads true time plus an error e(t) = e(ref) + drift · (t − ref): an initial
 * offset ~ N(0, initialOffsetSigmaS) at simulation time 0 and a drift ~ N(0, driftPpmSigma) ppm,
 * both drawn once per device. AppTimeReq carries the device time in whole GPS seconds at the end
 * of the uplink; the server answers TimeCorrection = gateway GPS second − DeviceTime (whole
 * seconds, the gateway timestamp of the same instant). The device adds it to its clock, which keeps
 * its sub-second part, so the error left is in (−1, 1) s. Like LoRaMac-node it counts itself
 * synchronised when |TimeCorrection| ≤ the tolerance (LMN: 1 s), and asks again otherwise.
 */
import { Purpose, uniform } from '../../engine/rng.js';
import { normalFromUniforms } from '../../radio/normal.js';
import type { ResolvedScenario } from '../../scenario/types.js';

export class DeviceClocks {
  /** error at refUs, µs (positive: the device's clock is ahead of true time) */
  readonly errRefUs: Float64Array;
  readonly refUs: Float64Array;
  readonly driftPpm: Float64Array;

  constructor(s: ResolvedScenario, count: number) {
    this.errRefUs = new Float64Array(count);
    this.refUs = new Float64Array(count);
    this.driftPpm = new Float64Array(count);
    const { initialOffsetSigmaS, driftPpmSigma } = s.devices.clock;
    for (let d = 0; d < count; d++) {
      this.errRefUs[d] = initialOffsetSigmaS * 1e6 * normalFromUniforms(uniform(s.seed, Purpose.clock, d, 1), uniform(s.seed, Purpose.clock, d, 2));
      this.driftPpm[d] = driftPpmSigma * normalFromUniforms(uniform(s.seed, Purpose.clock, d, 3), uniform(s.seed, Purpose.clock, d, 4));
    }
  }

  /** Clock error of device d at true time tUs, µs. */
  errorAtUs(d: number, tUs: number): number {
    return this.errRefUs[d] + this.driftPpm[d] * 1e-6 * (tUs - this.refUs[d]);
  }

  /**
   * TimeCorrection (whole seconds) the server computes for an AppTimeReq of device d ending at tUs,
   * with `gpsEpochUs` the GPS time of simulation time 0.
   */
  correctionS(d: number, tUs: number, gpsEpochUs: number): number {
    return timeCorrectionS(gpsEpochUs + tUs, this.errorAtUs(d, tUs));
  }

  /** The device applies a TimeCorrection received at tUs. */
  apply(d: number, tUs: number, correctionS: number): void {
    this.errRefUs[d] = this.errorAtUs(d, tUs) + correctionS * 1e6;
    this.refUs[d] = tUs;
  }
}

/** TS003: gateway GPS second minus the device's GPS second (DeviceTime), both truncated. */
export function timeCorrectionS(trueGpsUs: number, errorUs: number): number {
  return Math.floor(trueGpsUs / 1e6) - Math.floor((trueGpsUs + errorUs) / 1e6);
}
