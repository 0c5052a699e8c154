/**
 * End of a run: charges each device's listening and its work on the image to its energy, and
 * builds the per-device table (devices.csv). docs/models/energy.md.
 *
 * A device listens until it really stops: its own listening end (decoded with
 * stopListeningWhenDecoded, out of memory, beacon lost, rebooted into the new image) or the
 * session's end, whichever comes first. That may lie after the campaign's end (every status final
 * while a decoded device keeps listening until the session times out): its energy horizon then
 * runs to that point, and it sleeps in between otherwise. A run cut at simulation.maxDurationS
 * charges nothing past the cut.
 */
import { emptyRxWindowUs } from '../lorawan/classa.js';
import { applyJ, eraseJ, programJ, verifyJ } from '../fuota/image/energy.js';
import { noiseFloorDbm } from '../radio/sensitivity.js';
import { DEVICE_STATUSES, type DeviceTable } from './types.js';
import type { BeaconModel } from './beacons.js';
import type { RunContext } from './context.js';
import { lowerBound } from '../engine/sorted.js';
import { beaconScanEndUs } from './listening.js';

/** Noise figure used to report the SNR of the best downlink, dB (docs/models/reception.md). */
export const REPORT_NOISE_FIGURE_DB = 6;

export interface RunEnd {
  /** campaign end, µs */
  endUs: number;
  /** false when the run was cut at simulation.maxDurationS: nothing is charged past endUs */
  completed: boolean;
  /** whether device d rebooted into the new image */
  rebooted: (d: number) => boolean;
}

/** Sizes of what the device handles, bytes. */
export interface ImageSizes {
  /** the TS004 file in the download slot: nbFrag × fragment size */
  fileBytes: number;
  fragmentBytes: number;
  /** the signed payload the device checks (manifest + image or delta) */
  payloadBytes: number;
  /** the new image the bootloader installs */
  imageBytes: number;
}

/** Per device: the end of its energy horizon (µs) and its image work (J). */
export interface DeviceEnergy {
  horizonEndUs: Float64Array;
  storeJ: Float64Array;
  verifyJ: Float64Array;
  applyJ: Float64Array;
}

/** End of device d's listening, µs (−Infinity when it never listened). */
function listeningEndUs(ctx: RunContext, d: number, end: RunEnd): number {
  const { fleet } = ctx.world;
  const to = fleet.bySlot.listenToUs[fleet.order.slotOf[d]];
  return end.completed ? to : Math.min(to, end.endUs);
}

/**
 * Session listening up to each member's listening end: class C continuous RX less its own TX time
 * (sim/listening.ts); class B beacons and ping slots, beacons after the campaign end included, and
 * with devices.beaconAcquisition "scan" the receiver time until the first beacon (one interval at most).
 */
function chargeListening(ctx: RunContext, slots: Float64Array | null, beacons: BeaconModel | null, end: RunEnd): void {
  const { s, fleet, radio } = ctx.world;
  const e = fleet.energy;
  const wakeUs = s.devices.radioProfile.wakeupMs * 1000;
  const emptySlotUs = emptyRxWindowUs(radio.sf, radio.bwHz) + wakeUs;
  const scan = s.devices.beaconAcquisition === 'scan';
  for (const d of ctx.members) {
    const stopUs = listeningEndUs(ctx, d, end);
    const i = fleet.order.slotOf[d];
    const from = Math.max(0, fleet.bySlot.listenFromUs[i]);
    let continuousUs = 0;
    if (slots) {
      e.rxUs[d] += fleet.beaconRxUs[d];
      if (stopUs > from) {
        const n = lowerBound(slots, stopUs) - lowerBound(slots, from);
        const withFrame = Math.min(fleet.bySlot.slotFramesCount[i], n);
        e.rxUs[d] += (n - withFrame) * emptySlotUs + fleet.bySlot.slotFramesUs[i];
      }
      if (beacons && stopUs > end.endUs && fleet.beaconFoundUs[d] !== Infinity) {
        // beacons after the run stopped, each heard with the default search (steady state)
        let k = 0;
        for (let t = beacons.nextBeaconUs(beacons.lastUs); t < stopUs; t = beacons.nextBeaconUs(t)) k++;
        e.rxUs[d] += k * beacons.heardWindowUs();
      }
      if (scan) continuousUs = Math.min(beaconScanEndUs(fleet, d), stopUs) - fleet.beaconSearchFromUs[d];
    } else continuousUs = stopUs - from;
    // the radio does not receive while it transmits
    if (continuousUs > 0) e.rxUs[d] += Math.max(0, continuousUs - e.txInListenUs[d]);
  }
}

/** Erase of the download slot and storage of every fragment kept; check and install of the image. */
function imageWork(ctx: RunContext, sizes: ImageSizes, end: RunEnd, out: DeviceEnergy): void {
  const { s, fleet } = ctx.world;
  const mcu = s.devices.mcu;
  if (mcu.profile === 'none') return;
  const slotJ = eraseJ(mcu, sizes.fileBytes);
  const checkJ = verifyJ(mcu, sizes.payloadBytes, s.firmware.signature);
  const installJ = applyJ(mcu, sizes.imageBytes, mcu.imageApply);
  const { fragmentsReceived, decodedAtUs } = fleet.bySlot;
  for (let d = 0; d < fleet.count; d++) {
    const i = fleet.order.slotOf[d];
    if (fleet.member[d] === 1 || fragmentsReceived[i] > 0) out.storeJ[d] = slotJ + programJ(mcu, fragmentsReceived[i] * sizes.fragmentBytes);
    if (decodedAtUs[i] === decodedAtUs[i]) out.verifyJ[d] = checkJ; // rebuilt (not NaN)
    if (end.rebooted(d)) out.applyJ[d] = installJ;
  }
}

/** Charges listening and image work; returns each device's horizon and image work. */
export function finishEnergy(ctx: RunContext, slots: Float64Array | null, beacons: BeaconModel | null, end: RunEnd, sizes: ImageSizes): DeviceEnergy {
  const n = ctx.world.fleet.count;
  chargeListening(ctx, slots, beacons, end);
  const out: DeviceEnergy = {
    horizonEndUs: new Float64Array(n).fill(end.endUs),
    storeJ: new Float64Array(n),
    verifyJ: new Float64Array(n),
    applyJ: new Float64Array(n),
  };
  if (end.completed) for (const d of ctx.members) out.horizonEndUs[d] = Math.max(end.endUs, listeningEndUs(ctx, d, end));
  imageWork(ctx, sizes, end, out);
  return out;
}

/**
 * The per-device table; `reason` says why each device did not end Successful (diagnosis.ts);
 * `counts`, the fragment counts in device order (deviceFacts made them from the fleet's slots).
 */
export function deviceTable(ctx: RunContext, energy: DeviceEnergy, reason: Uint8Array, counts: Pick<DeviceTable, 'fragmentsReceived' | 'fragmentsNeeded'>): DeviceTable {
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
    fragmentsReceived: counts.fragmentsReceived,
    fragmentsNeeded: counts.fragmentsNeeded,
    decodedAtS: new Float64Array(n),
    status: new Array(n),
    energyJ: new Float64Array(n),
    energyRxJ: new Float64Array(n),
    energyTxJ: new Float64Array(n),
    energySleepJ: new Float64Array(n),
    energyStandbyJ: new Float64Array(n),
    energyStoreJ: energy.storeJ,
    energyVerifyJ: energy.verifyJ,
    energyApplyJ: energy.applyJ,
    reason,
  };
  for (let d = 0; d < n; d++) {
    const rssi = txDbm - links.lossDb[d * G + links.best[d]];
    t.rssiDbm[d] = rssi;
    t.snrDb[d] = rssi - nf;
    t.decodedAtS[d] = (fleet.bySlot.decodedAtUs[fleet.order.slotOf[d]] - ctx.campaignStartUs) / 1e6;
    t.status[d] = DEVICE_STATUSES[fleet.status[d]];
    const radioJ = fleet.energy.split(d, p, energy.horizonEndUs[d] - ctx.campaignStartUs);
    t.energyRxJ[d] = radioJ.rxJ;
    t.energyTxJ[d] = radioJ.txJ;
    t.energySleepJ[d] = radioJ.sleepJ;
    t.energyStandbyJ[d] = radioJ.standbyJ;
    t.energyJ[d] = radioJ.totalJ + energy.storeJ[d] + energy.verifyJ[d] + energy.applyJ[d];
  }
  return t;
}
