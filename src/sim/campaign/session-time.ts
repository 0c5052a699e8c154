/**
 * When the multicast session starts (TS005 SessionTime), by `multicastGroup.sessionStart`
 * (docs/models/campaign.md, "Booking the session"):
 *
 * - seconds after the campaign start, or an ISO-8601 UTC time: a booking, as AWS takes it
 *   (StartFuotaTask `LoRaWAN.StartTime`, StartMulticastGroupSession `SessionStartTime`); setup runs
 *   in the lead time and a device not set up by then does not join;
 * - 'after-setup': the earliest booking that loses no device setup can reach. A first pass
 *   simulates setup with the session never starting (`probe`): every device gets its session
 *   request right after its own setup, and a McClassC/BSessionReq has the same size whatever
 *   SessionTime it carries, so that pass's traffic is what any booking would have produced up to
 *   its SessionTime. The session is then booked at the moment the last reachable device's answer was
 *   heard (whole GPS second; class B: the next beacon), and the campaign is run with that booking:
 *   for a class C group whose probe ended before that SessionTime, by the probe going on
 *   (`Campaign.rebook`, simulate.ts `bookAfterSetup`), otherwise by a second pass;
 * - 'chirpstack': fixed when ChirpStack v4's session step first runs (after its McGroupSetup and
 *   FragSessionSetup steps for the whole group): that moment + (max retries + 1) × the uplink
 *   interval; class B SessionTime rounded down to a beacon (chirpstack.ts).
 */
import { BEACON_PERIOD_US } from '../../lorawan/classb.js';
import { bookedSessionStartS } from '../../scenario/derive.js';
import type { ResolvedScenario } from '../../scenario/types.js';

/** How a campaign pass fixes SessionTime. */
export type Booking =
  /** a SessionTime known before setup (µs of simulation time) */
  | { kind: 'fixed'; startUs: number }
  /** ChirpStack v4: computed when its session step runs */
  | { kind: 'chirpstack' }
  /** setup only: the session never starts; the pass ends when every device is set up or out */
  | { kind: 'probe' };

/** The booking a scenario gives before anything runs: fixed, chirpstack, or null when 'after-setup' needs a probe first. */
export function scenarioBooking(s: ResolvedScenario): Booking | null {
  const start = s.multicastGroup.sessionStart;
  if (start === 'chirpstack') return { kind: 'chirpstack' };
  const bookedS = bookedSessionStartS(start, s.startTime, s.fuotaTask.startTimeS);
  return bookedS === null ? null : { kind: 'fixed', startUs: Math.round(bookedS * 1e6) };
}

/**
 * The earliest SessionTime at or after `readyUs` (when the last reachable device was set up): the
 * next whole GPS second (SessionTime counts seconds), for class B the next beacon (128 s GPS
 * boundary), as the class B session runs in beacon periods.
 */
export function earliestSessionStartUs(s: ResolvedScenario, gpsEpochUs: number, readyUs: number): number {
  const periodUs = s.multicastGroup.dlClass === 'ClassB' ? BEACON_PERIOD_US : 1_000_000;
  return Math.ceil((gpsEpochUs + readyUs) / periodUs) * periodUs - gpsEpochUs;
}

/** ChirpStack v4 rounds a class B SessionTime down to a beacon (flow.rs: session_start − session_start % 128). */
export function chirpstackSessionTimeUs(s: ResolvedScenario, gpsEpochUs: number, startUs: number): number {
  if (s.multicastGroup.dlClass !== 'ClassB') return startUs;
  return Math.floor((gpsEpochUs + startUs) / BEACON_PERIOD_US) * BEACON_PERIOD_US - gpsEpochUs;
}
