/**
 * End of a run: charges each device's listening time to its energy ledger and builds the
 * per-device table (devices.csv).
 */
import { emptyRxWindowUs } from '../lorawan/classa.js';
import { noiseFloorDbm } from '../radio/sensitivity.js';
import { DEVICE_STATUSES, type DeviceTable } from './types.js';
import type { RunContext } from './context.js';
import { lowerBound } from './distribution.js';

/** Noise figure used to report the SNR of the best downlink, dB (docs/models/reception.md). */
export const REPORT_NOISE_FIGURE_DB = 6;

/** Adds session listening (class C continuous RX; class B ping slots) up to `endUs`. */
export function chargeListening(ctx: RunContext, slots: Float64Array | null, endUs: number): void {
  const { s, fleet, radio } = ctx.world;
  const members = ctx.members;
  const e = fleet.energy;
  const wakeUs = s.devices.radioProfile.wakeupMs * 1000;
  const emptySlotUs = emptyRxWindowUs(radio.sf, radio.bwHz) + wakeUs;
  for (let m = 0; m < members.length; m++) {
    const d = members[m];
    const from = Math.max(0, fleet.listenFromUs[d]);
    const to = Math.min(fleet.listenToUs[d], endUs);
    if (slots) {
      e.rxUs[d] += fleet.beaconRxUs[d];
      if (to > from) {
        const n = lowerBound(slots, to) - lowerBound(slots, from);
        const withFrame = Math.min(fleet.slotFramesCount[d], n);
        e.rxUs[d] += (n - withFrame) * emptySlotUs + fleet.slotFramesUs[d];
      }
    } else if (to > from) {
      e.rxUs[d] += to - from;
    }
  }
}

export function deviceTable(ctx: RunContext, endUs: number): DeviceTable {
  const { s, fleet, links, positions, radio } = ctx.world;
  const n = fleet.count;
  const p = s.devices.radioProfile;
  const G = links.gateways;
  const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
  const nf = noiseFloorDbm(radio.bwHz, REPORT_NOISE_FIGURE_DB);
  const t: DeviceTable = {
    count: n,
    xM: positions.xM,
    yM: positions.yM,
    gateway: links.best,
    rssiDbm: new Float64Array(n),
    snrDb: new Float64Array(n),
    fragmentsReceived: fleet.fragmentsReceived,
    fragmentsNeeded: fleet.fragmentsNeeded,
    decodedAtS: new Float64Array(n),
    status: new Array(n),
    energyJ: new Float64Array(n),
    energyRxJ: new Float64Array(n),
    energyTxJ: new Float64Array(n),
    energySleepJ: new Float64Array(n),
  };
  for (let d = 0; d < n; d++) {
    const rssi = txDbm - links.lossDb[d * G + links.best[d]];
    t.rssiDbm[d] = rssi;
    t.snrDb[d] = rssi - nf;
    t.decodedAtS[d] = (fleet.decodedAtUs[d] - ctx.campaignStartUs) / 1e6;
    t.status[d] = DEVICE_STATUSES[fleet.status[d]];
    const rx = fleet.energy.rxJ(d, p);
    const tx = fleet.energy.txJ(d, p);
    const sleep = fleet.energy.sleepJ(d, p, endUs - ctx.campaignStartUs);
    const standby = fleet.energy.standbyJ(d, p);
    t.energyRxJ[d] = rx;
    t.energyTxJ[d] = tx;
    t.energySleepJ[d] = sleep;
    t.energyJ[d] = rx + tx + sleep + standby;
  }
  return t;
}
