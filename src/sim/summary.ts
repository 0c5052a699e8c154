/** Summary metrics of a run (results contract, "Summary metrics"). */
import { maxWindowShare, ETSI_OBSERVATION_WINDOW_US } from '../lorawan/dutycycle.js';
import { percentile } from '../stats/descriptive.js';
import type { GatewayRadio } from './gateway.js';
import { DEVICE_STATUSES, type DeviceStatus, type DeviceTable, type DutyCycleSeries, type Summary } from './types.js';

/**
 * Seconds until `share` of the fleet (all devices) has rebuilt and verified the image, or null
 * when that share is never reached. `doneAtS` holds each successful device's time, ascending.
 */
export function timeToShare(doneAtS: Float64Array, fleetSize: number, share: number): number | null {
  const need = Math.ceil(share * fleetSize - 1e-9);
  if (need <= 0) return 0;
  return need <= doneAtS.length ? doneAtS[need - 1] : null;
}

export function maxDutyCycle(gateways: readonly GatewayRadio[]): number {
  let max = 0;
  for (const gw of gateways) {
    for (const log of gw.logs.values()) {
      const share = maxWindowShare(Float64Array.from(log.starts), Float64Array.from(log.airtimes), log.starts.length, ETSI_OBSERVATION_WINDOW_US);
      if (share > max) max = share;
    }
  }
  return max;
}

export function dutyCycleSeries(gateways: readonly GatewayRadio[], endUs: number): DutyCycleSeries {
  // about 240 bins over the run, whole minutes
  const binS = Math.max(60, Math.ceil(endUs / 1e6 / 240 / 60) * 60);
  const bins = Math.max(1, Math.ceil(endUs / 1e6 / binS));
  const series: DutyCycleSeries['series'] = [];
  for (const gw of gateways) {
    for (const log of gw.logs.values()) {
      const airtimeS = new Float64Array(bins);
      log.starts.forEach((st, i) => {
        const b = Math.min(bins - 1, Math.floor(st / 1e6 / binS));
        airtimeS[b] += log.airtimes[i] / 1e6;
      });
      series.push({ gateway: gw.id, subBand: log.subBand, airtimeS });
    }
  }
  return { binS, series };
}

/** Whether a device that rebuilt the data block with this final status counts as rebuilt and verified (its check failed otherwise). */
export function rebuiltAndVerified(status: DeviceStatus): boolean {
  return status !== 'MICError' && status !== 'Wrong_descriptor';
}

/**
 * The shortest booking lead that sets up `share` of the devices the session could reach: the
 * ceil(share · n)-th smallest of their set-up times (`readyAtS`, ascending, s from the campaign
 * start); null when no device could be reached.
 */
export function leadTimeFor(readyAtS: Float64Array, share: number): number | null {
  if (readyAtS.length === 0) return null;
  return readyAtS[Math.max(1, Math.ceil(share * readyAtS.length - 1e-9)) - 1];
}

/** Devices per AWS status, every status present, in DEVICE_STATUSES order. */
export function countStatuses(status: readonly DeviceStatus[]): Record<DeviceStatus, number> {
  const counts = Object.fromEntries(DEVICE_STATUSES.map((st) => [st, 0])) as Record<DeviceStatus, number>;
  for (const st of status) counts[st]++;
  return counts;
}

const fromSession = (t: number | null, startS: number | null): number | null => (t === null || startS === null ? null : t - startS);

/** What the run measured; the fleet-wide figures (counts, time-to-X %, lead times, energy) are derived here. */
export type SummaryInputs = Omit<
  Summary,
  | 'devices' | 'devicesUpdated' | 'updatedRatio' | 'timeTo50S' | 'timeTo90S' | 'timeTo95S' | 'timeTo99S' | 'timeToAllS'
  | 'energyMeanJ' | 'energyP95J' | 'energyMaxJ' | 'devicesRebuilt' | 'statusCounts' | 'fleetReadyS' | 'idleBeforeSessionS'
  | 'leadTimeFor90S' | 'leadTimeFor95S' | 'leadTimeFor99S'
  | 'timeTo50FromSessionS' | 'timeTo90FromSessionS' | 'timeTo95FromSessionS' | 'timeTo99FromSessionS' | 'timeToAllFromSessionS'
> & {
  devices: DeviceTable;
  /** ascending: when each device had rebuilt and verified the image */
  verifiedAtS: Float64Array;
  /** ascending, s from the campaign start: when each device the session could reach was set up; null without a session */
  readyAtS: Float64Array | null;
};

export function buildSummary(x: SummaryInputs): Summary {
  const n = x.devices.count;
  const energy = Float64Array.from(x.devices.energyJ).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += energy[i];
  const statusCounts = countStatuses(x.devices.status);
  const updated = statusCounts.Successful;
  const timeTo = [0.5, 0.9, 0.95, 0.99, 1].map((share) => timeToShare(x.verifiedAtS, n, share));
  const ready = x.readyAtS;
  const fleetReadyS = ready === null ? null : ready.length > 0 ? ready[ready.length - 1] : null;
  const start = x.sessionStartS;
  return {
    devices: n,
    devicesUpdated: updated,
    updatedRatio: n > 0 ? updated / n : 0,
    setupDurationS: x.setupDurationS,
    distributionDurationS: x.distributionDurationS,
    campaignDurationS: x.campaignDurationS,
    timeTo50S: timeTo[0],
    timeTo90S: timeTo[1],
    timeTo95S: timeTo[2],
    timeTo99S: timeTo[3],
    timeToAllS: timeTo[4],
    nbFrag: x.nbFrag,
    fragmentsCoded: x.fragmentsCoded,
    fragmentsSent: x.fragmentsSent,
    fragmentSizeBytes: x.fragmentSizeBytes,
    paddingBytes: x.paddingBytes,
    downlinkAirtimeS: x.downlinkAirtimeS,
    uplinkAirtimeS: x.uplinkAirtimeS,
    maxDutyCycle: x.maxDutyCycle,
    dutyCycleWaitS: x.dutyCycleWaitS,
    energyMeanJ: n > 0 ? sum / n : 0,
    energyP95J: n > 0 ? percentile(energy, 0.95) : 0,
    energyMaxJ: n > 0 ? energy[n - 1] : 0,
    uplinks: x.uplinks,
    uplinkCollisions: x.uplinkCollisions,
    backgroundPdr: x.backgroundPdr,
    events: x.events,
    devicesRebuilt: x.verifiedAtS.length,
    statusCounts,
    sessionStartS: start,
    fleetReadyS,
    idleBeforeSessionS: start === null || fleetReadyS === null ? null : Math.max(0, start - fleetReadyS),
    leadTimeFor90S: ready === null ? null : leadTimeFor(ready, 0.9),
    leadTimeFor95S: ready === null ? null : leadTimeFor(ready, 0.95),
    leadTimeFor99S: ready === null ? null : leadTimeFor(ready, 0.99),
    timeTo50FromSessionS: fromSession(timeTo[0], start),
    timeTo90FromSessionS: fromSession(timeTo[1], start),
    timeTo95FromSessionS: fromSession(timeTo[2], start),
    timeTo99FromSessionS: fromSession(timeTo[3], start),
    timeToAllFromSessionS: fromSession(timeTo[4], start),
    reasons: { ...x.reasons },
    reachDr: x.reachDr,
    reachDrDevices: x.reachDrDevices,
    redundancyNeededPercent: x.redundancyNeededPercent,
  };
}
