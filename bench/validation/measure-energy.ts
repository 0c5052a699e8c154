/**
 * Measurements of the energy cases 5c–5f (docs/validation.md): TX current by power, listening
 * until the device stops, the class B beacon scan, the image work.
 */
import { buildFirmwarePackage } from '../../src/fuota/image/package.js';
import type { RunResult } from '../../src/sim/types.js';
import { runTraced, scenarioPoints } from './runs.js';

/** Per device of a run: the airtime of its own frames, µs. */
function deviceAirtimeUs(r: RunResult): Float64Array {
  const out = new Float64Array(r.devices.count);
  const t = r.transmissions;
  for (let i = 0; i < t.count; i++) if (t.node[i] < 0) out[-t.node[i] - 1] += t.airtimeUs[i];
  return out;
}

export interface TxPowerRow {
  radio: string;
  txPowerDbm: number;
  /** per device: energyTxJ / (V × its uplink airtime), A */
  currentA: number[];
}

/** Case 5c: `energy-txpower`, one row per (radio, power). */
export function measureTxPower(): TxPowerRow[] {
  return scenarioPoints('energy-txpower').map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    const air = deviceAirtimeUs(r);
    return {
      radio: s.devices.radio,
      txPowerDbm: s.devices.txPowerDbm,
      currentA: Array.from(air, (us, d) => r.devices.energyTxJ[d] / (s.devices.radioProfile.supplyV * us * 1e-6)),
    };
  });
}

export interface ListenRow {
  rxA: number;
  supplyV: number;
  sessionTimeoutS: number;
  campaignS: number;
  /** per device: RX energy, J, and the airtime of its own frames, s */
  rxJ: number[];
  txS: number[];
}

/** Case 5d: `energy-listen`. */
export function measureListen(): ListenRow {
  const [point] = scenarioPoints('energy-listen');
  const s = point.scenario;
  const r = runTraced(point);
  return {
    rxA: s.devices.radioProfile.rxA,
    supplyV: s.devices.radioProfile.supplyV,
    sessionTimeoutS: s.multicastGroup.sessionTimeoutS,
    campaignS: r.summary.campaignDurationS,
    rxJ: Array.from(r.devices.energyRxJ),
    txS: Array.from(deviceAirtimeUs(r), (us) => us / 1e6),
  };
}

export interface BeaconScanRow {
  rxA: number;
  supplyV: number;
  sessionStartS: number;
  /** per device: RX energy with the scan and with acquisition by time, J */
  scanRxJ: number[];
  byTimeRxJ: number[];
}

/** Case 5e: `energy-beacon-scan` (sweep: scan, by-time). */
export function measureBeaconScan(): BeaconScanRow {
  const [scan, byTime] = scenarioPoints('energy-beacon-scan').map((p) => ({ s: p.scenario, r: runTraced(p) }));
  return {
    rxA: scan.s.devices.radioProfile.rxA,
    supplyV: scan.s.devices.radioProfile.supplyV,
    sessionStartS: scan.s.multicastGroup.sessionStart as number,
    scanRxJ: Array.from(scan.r.devices.energyRxJ),
    byTimeRxJ: Array.from(byTime.r.devices.energyRxJ),
  };
}

export interface ImageWorkRow {
  imageApply: string;
  /** what the closed form needs */
  nbFrag: number;
  fragmentBytes: number;
  payloadBytes: number;
  imageBytes: number;
  fragmentsReceived: number[];
  storeJ: number[];
  verifyJ: number[];
  applyJ: number[];
  status: string[];
}

/** Case 5f: `energy-image` (sweep: devices.mcu.imageApply). */
export function measureImageWork(): ImageWorkRow[] {
  return scenarioPoints('energy-image').map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    return {
      imageApply: s.devices.mcu.imageApply,
      nbFrag: r.summary.nbFrag,
      fragmentBytes: s.fuotaTask.fragmentSizeBytes,
      payloadBytes: buildFirmwarePackage(s.firmware, s.seed).payload.length,
      imageBytes: s.firmware.sizeBytes,
      fragmentsReceived: Array.from(r.devices.fragmentsReceived),
      storeJ: Array.from(r.devices.energyStoreJ),
      verifyJ: Array.from(r.devices.energyVerifyJ),
      applyJ: Array.from(r.devices.energyApplyJ),
      status: [...r.devices.status],
    };
  });
}
