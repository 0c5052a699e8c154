/**
 * The closed forms and first-principles predictions that the validation cases compare fuota-sim
 * against. Written from the rules themselves (lorawan-facts.md 2.5, 3.1, 3.2, 6.3), not from the
 * simulator's code, so that agreement means something.
 */
import { BEACON_PERIOD_US, pingSlotStartsUs } from '../../src/lorawan/classb.js';

/** One hour: the ETSI EN 300 220 observation window (lorawan-facts 2.5), µs. */
export const HOUR_US = 3_600_000_000;

/**
 * Off-time rule (Toff = ToA·(1/dc − 1) after each frame), frames always queued: frame i starts
 * i·ToA/dc after the first, so T frames last ToA·(T/dc − (1/dc − 1)) = Σ ToA/dc − the last off-time.
 */
export function offTimeSessionUs(airUs: number, frames: number, dutyCycle: number): number {
  return (frames * airUs) / dutyCycle - airUs * (1 / dutyCycle - 1);
}

/**
 * Sliding window (at most B = dc·W of airtime in any window W), frames always queued. The first
 * k = floor(B / ToA) frames go back to back; the next one may start once the window ending with it
 * has dropped enough of the first burst: at W − r after the first, with r = B − k·ToA. Each later
 * frame then finds the same situation one frame further on, so frame i starts at
 * floor(i / k)·(W − r) + (i mod k)·ToA: bursts of k frames every W − r.
 */
export function slidingWindowStartUs(i: number, airUs: number, dutyCycle: number, windowUs = HOUR_US): number {
  const budgetUs = dutyCycle * windowUs;
  const k = Math.floor(budgetUs / airUs);
  const r = budgetUs - k * airUs;
  return Math.floor(i / k) * (windowUs - r) + (i % k) * airUs;
}

export function slidingWindowSessionUs(airUs: number, frames: number, dutyCycle: number, windowUs = HOUR_US): number {
  return slidingWindowStartUs(frames - 1, airUs, dutyCycle, windowUs) + airUs;
}

export interface ClassBPlanInput {
  /** GPS µs of simulation time 0 */
  gpsEpochUs: number;
  /** session start, simulation µs (on a beacon) */
  sessionStartUs: number;
  /** group address (McAddr) */
  address: number;
  /** ping period in 30 ms slots (AWS PingSlotPeriod) */
  pingPeriod: number;
  frames: number;
  airUs: number;
  /** null: no duty-cycle limit reached; a number: the off-time rule with this duty cycle */
  offTimeDutyCycle: number | null;
}

/**
 * Class B: the start of each fragment when the gateway sends one fragment in every ping slot of
 * the group it may use — the first slot at or after the radio is free (and, with the off-time
 * rule, after ToA/dc since the previous start). Slots from the ping offset of each beacon period
 * (lorawan-facts 3.2). Returns simulation µs.
 */
export function classBFragmentStartsUs(p: ClassBPlanInput): Float64Array {
  const out = new Float64Array(p.frames);
  let beaconGpsUs = p.gpsEpochUs + p.sessionStartUs;
  let slots = slotsOf(beaconGpsUs, p);
  let j = 0;
  let earliest = p.sessionStartUs;
  for (let i = 0; i < p.frames; ) {
    if (j >= slots.length) {
      beaconGpsUs += BEACON_PERIOD_US;
      slots = slotsOf(beaconGpsUs, p);
      j = 0;
      continue;
    }
    const t = slots[j++];
    if (t < earliest) continue;
    const freeAgainUs = p.offTimeDutyCycle === null ? t + p.airUs : t + p.airUs / p.offTimeDutyCycle;
    // beacons have priority: a fragment whose transmission or off-time would reach the next beacon
    // waits for a slot after it
    if (freeAgainUs > beaconGpsUs + BEACON_PERIOD_US - p.gpsEpochUs) continue;
    out[i++] = t;
    earliest = freeAgainUs;
  }
  return out;
}

function slotsOf(beaconGpsUs: number, p: ClassBPlanInput): Float64Array {
  return pingSlotStartsUs(beaconGpsUs / 1e6, p.address, p.pingPeriod).map((g) => g - p.gpsEpochUs);
}

/** Upper bound on capacity: T fragments need at least ceil(T / pingNb) beacon periods' slots. */
export function classBMinPeriods(frames: number, pingPeriod: number): number {
  return Math.ceil(frames / (4096 / pingPeriod));
}

/**
 * Setup over class A limited by the gateway's duty cycle: with both receive-window sub-bands
 * saturated, the gateway sends dc1/a1 + dc2/a2 downlinks per second (a = mean airtime of a setup
 * downlink in the sub-band), so D downlinks per device take D / that many seconds per device.
 */
export function setupSecondsPerDevice(downlinksPerDevice: number, bands: ReadonlyArray<{ dutyCycle: number; meanAirtimeUs: number }>): number {
  const perSecond = bands.reduce((acc, b) => acc + b.dutyCycle / (b.meanAirtimeUs / 1e6), 0);
  return downlinksPerDevice / perSecond;
}

/**
 * Two gateways sending the same frame at the same time on the same channel and SF: a device keeps
 * a frame only if it is at least `thresholdDb` above the other (co-SF capture, lorawan-facts 6.3),
 * so it loses both when the two received powers are within the threshold.
 */
export function collidesAtDevice(rssiADbm: number, rssiBDbm: number, thresholdDb = 6): boolean {
  return Math.abs(rssiADbm - rssiBDbm) < thresholdDb;
}

/** Log-distance path loss, dB: PL(d) = PL(d0) + 10·γ·log10(d / d0) (lorawan-facts 6.1). */
export function logDistanceDb(distanceM: number, d0M: number, pl0Db: number, gamma: number): number {
  return pl0Db + 10 * gamma * Math.log10(distanceM / d0M);
}
