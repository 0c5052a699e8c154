/** Summary metrics of a run (results contract, "Summary metrics"). */
import { maxWindowShare, ETSI_OBSERVATION_WINDOW_US } from '../lorawan/dutycycle.js';
import { percentile } from '../sweep/stats.js';
import type { GatewayRadio } from './gateway.js';
import type { DeviceTable, DutyCycleSeries, Summary } from './types.js';

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

/** What the run measured; the fleet-wide figures (counts, time-to-X %, energy) are derived here. */
export type SummaryInputs = Omit<
  Summary,
  'devices' | 'devicesUpdated' | 'updatedRatio' | 'timeTo50S' | 'timeTo90S' | 'timeTo95S' | 'timeTo99S' | 'timeToAllS' | 'energyMeanJ' | 'energyP95J' | 'energyMaxJ'
> & {
  devices: DeviceTable;
  /** ascending: when each device had rebuilt and verified the image */
  verifiedAtS: Float64Array;
};

export function buildSummary(x: SummaryInputs): Summary {
  const n = x.devices.count;
  const energy = Float64Array.from(x.devices.energyJ).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += energy[i];
  let updated = 0;
  for (let i = 0; i < n; i++) if (x.devices.status[i] === 'Successful') updated++;
  return {
    devices: n,
    devicesUpdated: updated,
    updatedRatio: n > 0 ? updated / n : 0,
    setupDurationS: x.setupDurationS,
    distributionDurationS: x.distributionDurationS,
    campaignDurationS: x.campaignDurationS,
    timeTo50S: timeToShare(x.verifiedAtS, n, 0.5),
    timeTo90S: timeToShare(x.verifiedAtS, n, 0.9),
    timeTo95S: timeToShare(x.verifiedAtS, n, 0.95),
    timeTo99S: timeToShare(x.verifiedAtS, n, 0.99),
    timeToAllS: timeToShare(x.verifiedAtS, n, 1),
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
  };
}
