/**
 * Measurements of validation cases 15-18 (docs/validation.md): booking the session, the TS005
 * session timeout, statuses and fragment counts, and packed setup commands.
 */
import { buildFirmwarePackage } from '../../src/fuota/image/package.js';
import { fragmentPlan } from '../../src/fuota/ts004/sizing.js';
import { lorawanDownlinkAirtimeUs } from '../../src/radio/airtime.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { probeSetup } from '../../src/sim/probe-thread.js';
import { readyTimesS } from '../../src/sim/results.js';
import { buildWorld } from '../../src/sim/world.js';
import { deviceRole } from '../../src/sim/mix.js';
import { simulate } from '../../src/sim/simulate.js';
import type { RunResult } from '../../src/sim/types.js';
import { framesOf, runTraced, scenarioPoints } from './runs.js';

/** The scenario's single point, with `sessionStart` replaced when given. */
function bookingScenario(sessionStart?: number | string) {
  const [point] = scenarioPoints('booking');
  const s = point.scenario;
  return sessionStart === undefined ? s : { ...s, multicastGroup: { ...s.multicastGroup, sessionStart } };
}

export interface BookingRow {
  booking: string;
  /** seconds after the campaign start the session was booked for (null: computed) */
  leadS: number | null;
  sessionStartS: number | null;
  /** devices that accepted the session in time (not Initial) */
  joined: number;
  /** devices whose session answer the server heard before SessionTime */
  setUpByServer: number;
  updated: number;
  result: RunResult;
}

export interface BookingCase {
  earliest: RunResult;
  /** when the probe set each device up, s from the campaign start (from the earliest booking's run) */
  readyAtS: number[];
  rows: BookingRow[];
  /** what the former default added on top of setup: (maxRetries + 1) uplink intervals + one session request per device through the RX2 sub-band */
  formerMarginS: number;
}

const joinedOf = (r: RunResult): number => r.summary.devices - r.summary.statusCounts.Initial;

/** Validation case 15: the earliest booking, bookings at the lead times and at AWS's minimum, ChirpStack's start. */
export function measureBooking(): BookingCase {
  const earliest = simulate(bookingScenario());
  const x = earliest.summary;
  const readyAtS = Array.from(probeReadyTimesS(bookingScenario()));
  const run = (booking: string, sessionStart: number | string, leadS: number | null): BookingRow => {
    let setUpByServer = 0;
    const r = simulate(bookingScenario(sessionStart), {
      onFinish: (ctx, c) => {
        setUpByServer = c.core.st.setUpAtUs.filter((t) => t < ctx.sessionStartUs).length;
      },
    });
    return { booking, leadS, sessionStartS: r.summary.sessionStartS, joined: joinedOf(r), setUpByServer, updated: r.summary.devicesUpdated, result: r };
  };
  const rows: BookingRow[] = [
    { booking: 'after-setup (earliest)', leadS: null, sessionStartS: x.sessionStartS, joined: joinedOf(earliest), setUpByServer: readyAtS.length, updated: x.devicesUpdated, result: earliest },
    run('leadTimeFor90S', Math.ceil(x.leadTimeFor90S!), Math.ceil(x.leadTimeFor90S!)),
    run('leadTimeFor95S', Math.ceil(x.leadTimeFor95S!), Math.ceil(x.leadTimeFor95S!)),
    run('leadTimeFor99S', Math.ceil(x.leadTimeFor99S!), Math.ceil(x.leadTimeFor99S!)),
    run('AWS minimum (30 min)', 1800, 1800),
    run('chirpstack', 'chirpstack', null),
  ];
  const s = earliest.scenario;
  const rx2AirUs = lorawanDownlinkAirtimeUs(12, 125_000, 11 + 13);
  const formerMarginS = (s.setup.maxRetries + 1) * 900 + (joinedOf(earliest) * rx2AirUs) / 1e6 / 0.1;
  return { earliest, readyAtS, rows, formerMarginS };
}

/** The set-up probe on its own (session-time.ts): when each device the session could reach was set up, s from the campaign start. */
export function probeReadyTimesS(s: ResolvedScenario): Float64Array {
  const pkg = buildFirmwarePackage(s.firmware, s.seed);
  const plan = fragmentPlan(pkg.payload.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);
  const probe = probeSetup(buildWorld(s), pkg, plan);
  return readyTimesS(probe.setUpAtUs, s.fuotaTask.startTimeS * 1e6);
}

/** Devices set up by `leadS` in a run: the probe's set-up times at or before it. */
export function setUpBy(readyAtS: readonly number[], leadS: number): number {
  return readyAtS.filter((t) => t <= leadS).length;
}

export interface TimeoutCase {
  timeoutS: number;
  sessionStartS: number;
  clockToleranceS: number;
  airtimeUs: number;
  planned: number;
  sent: number;
  lastEndUs: number;
  sessionEndUs: number;
  result: RunResult;
}

/** Validation case 16: a class C DR0 session cut by the TS005 timeout. */
export function measureTimeout(): TimeoutCase {
  const [point] = scenarioPoints('ts005-timeout');
  const r = runTraced(point);
  const f = framesOf(r, 'fragment');
  const s = point.scenario;
  const startS = r.summary.sessionStartS!;
  return {
    timeoutS: s.multicastGroup.sessionTimeoutS,
    sessionStartS: startS,
    clockToleranceS: s.setup.clockSyncToleranceS,
    airtimeUs: r.transmissions.airtimeUs[f.rows[0]],
    planned: r.summary.nbFrag + r.summary.fragmentsCoded,
    sent: f.rows.length,
    lastEndUs: f.endUs[f.rows.length - 1],
    sessionEndUs: (startS + s.multicastGroup.sessionTimeoutS) * 1e6,
    result: r,
  };
}

/** Closed form: frames that fit a session of timeoutS under the off-time rule, the first one tolerance after SessionTime. */
export function framesWithinTimeout(timeoutS: number, toleranceS: number, airtimeUs: number, dutyCycle: number): number {
  return Math.floor(((timeoutS - toleranceS) * 1e6 - airtimeUs) / (airtimeUs / dutyCycle)) + 1;
}

export interface StatusRow {
  extraLoss: number;
  /** devices of the noPackage role */
  role: number;
  packageNotSupported: number;
  /** of them, devices that are of the role */
  ofRole: number;
  initial: number;
  fragmentsSent: number;
  /** fragment frames the gateways sent (every copy) */
  copiesSent: number;
  maxReceived: number;
  /** devices that rebuilt the block with exactly M fragments */
  withM: number;
  rebuilt: number;
}

/** Validation case 17: statuses with and without lost class A downlinks; distinct fragments from three gateways. */
export function measureStatuses(): StatusRow[] {
  return scenarioPoints('statuses').map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    let role = 0;
    let ofRole = 0;
    let maxReceived = 0;
    let withM = 0;
    for (let d = 0; d < r.devices.count; d++) {
      const isRole = deviceRole(s, d) === 'Package_Not_Supported';
      if (isRole) role++;
      if (isRole && r.devices.status[d] === 'Package_Not_Supported') ofRole++;
      maxReceived = Math.max(maxReceived, r.devices.fragmentsReceived[d]);
      if (r.devices.fragmentsNeeded[d] === r.summary.nbFrag) withM++;
    }
    return {
      extraLoss: s.channel.extraLoss,
      role,
      packageNotSupported: r.summary.statusCounts.Package_Not_Supported,
      ofRole,
      initial: r.summary.statusCounts.Initial,
      fragmentsSent: r.summary.fragmentsSent,
      copiesSent: framesOf(r, 'fragment').rows.length,
      maxReceived,
      withM,
      rebuilt: r.summary.devicesRebuilt,
    };
  });
}

/**
 * Setup downlinks of one device with setup.packCommands, as PHYPayload bytes: AppTimeAns twice,
 * PackageVersionReq + FragSessionSetupReq (1 + 11), McGroupSetupReq + McClassCSessionReq (30 + 11).
 */
export const PACKED_SETUP_DOWNLINK_PHY_BYTES: readonly number[] = [6 + 13, 6 + 13, 1 + 11 + 13, 30 + 11 + 13];
