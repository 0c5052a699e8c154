/**
 * Measurements of the campaign cases (3: LoRaMac-node interop test 1, 5: energy arithmetic,
 * 6: setup phase scaling).
 */
import { buildFirmwarePackage } from '../../src/fuota/image/package.js';
import { crc32 } from '../../src/fuota/ts004/crc32.js';
import { lorawanDownlinkAirtimeUs } from '../../src/radio/airtime.js';
import type { RunResult } from '../../src/sim/types.js';
import { gatewayAirtimeUs, phaseSpan, runTraced, scenarioPoints, shareOverlappingGatewayTx } from './runs.js';
import { SUB_BAND_P } from './measure-distribution.js';

export interface InteropRun {
  result: RunResult;
  /** the data block the server fragmented (manifest + image), and its IEEE CRC-32 */
  blockBytes: number;
  blockCrc32: number;
  /** per device: length and CRC-32 of the block it rebuilt, or null when it rebuilt nothing */
  rebuilt: Array<{ bytes: number; crc32: number } | null>;
  /** per device: clock error at SessionTime, µs */
  clockErrorUs: Float64Array;
  setupEndS: number;
  sessionStartS: number;
}

/** Case 3: `interop-test1`; the rebuilt bytes are read from the run's decoders when it finishes. */
export function runInterop(): InteropRun {
  const [point] = scenarioPoints('interop-test1');
  const s = point.scenario;
  const pkg = buildFirmwarePackage(s.firmware, s.seed);
  const rebuilt: InteropRun['rebuilt'] = [];
  let clockErrorUs = new Float64Array(0);
  const result = runTraced(point, {
    onFinish: (ctx, campaign) => {
      clockErrorUs = Float64Array.from(ctx.world.fleet.clockErrorUs);
      for (let d = 0; d < ctx.world.fleet.count; d++) {
        const bytes = campaign.devices.decoders?.rebuilt(d) ?? null;
        rebuilt.push(bytes ? { bytes: bytes.length, crc32: crc32(bytes) } : null);
      }
    },
  });
  return {
    result,
    blockBytes: pkg.payload.length,
    blockCrc32: crc32(pkg.payload),
    rebuilt,
    clockErrorUs,
    setupEndS: phaseSpan(result, 'setup').endS,
    sessionStartS: phaseSpan(result, 'distribution').startS,
  };
}

export interface EnergyClassC {
  rxA: number;
  sleepA: number;
  supplyV: number;
  /** session length: the devices listen from SessionTime to its end */
  listenS: number;
  campaignS: number;
  energyJ: Float64Array;
}

/** Case 5a: `energy-classc`. */
export function measureEnergyClassC(): EnergyClassC {
  const [point] = scenarioPoints('energy-classc');
  const s = point.scenario;
  const r = runTraced(point);
  const p = s.devices.radioProfile;
  return {
    rxA: p.rxA,
    sleepA: p.sleepA,
    supplyV: p.supplyV,
    listenS: s.multicastGroup.sessionTimeoutS,
    campaignS: r.summary.campaignDurationS,
    energyJ: r.devices.energyJ,
  };
}

export interface EnergyClassBRow {
  pingNb: number;
  campaignS: number;
  /** per device: energy / (V · campaign duration), A */
  averageCurrentA: Float64Array;
  beaconsSent: number;
}

/** Case 5b: `energy-classb`, one row per pingNb. */
export function measureEnergyClassB(): EnergyClassBRow[] {
  return scenarioPoints('energy-classb').map((point) => {
    const s = point.scenario;
    const r = runTraced(point);
    const v = s.devices.radioProfile.supplyV;
    let beacons = 0;
    for (let i = 0; i < r.transmissions.count; i++) if (r.transmissions.kind[i] === 1 && r.transmissions.node[i] === 0) beacons++;
    return {
      pingNb: 4096 / s.multicastGroup.pingSlotPeriod,
      campaignS: r.summary.campaignDurationS,
      averageCurrentA: r.devices.energyJ.map((e) => e / v / r.summary.campaignDurationS),
      beaconsSent: beacons,
    };
  });
}

/** EU868 sub-band M (868.0–868.6 MHz, 1 %): the default uplink channels, so RX1 (lorawan-facts 2.5). */
export const SUB_BAND_M = { loHz: 868_000_000, hiHz: 868_600_000, dutyCycle: 0.01 };
/** EU868 sub-band L (865.0–868.0 MHz, 1 %, its own budget): the CFList channels 867.1–867.9 MHz, so RX1 too. */
export const SUB_BAND_L = { loHz: 865_000_000, hiHz: 868_000_000, dutyCycle: 0.01 };

export interface SetupRow {
  devices: number;
  setupDurationS: number;
  devicesUpdated: number;
  /** setup downlinks in each receive-window sub-band during the setup phase (RX1: M and L together, and each) */
  rx1: { frames: number; airtimeUs: number };
  rx1M: { frames: number; airtimeUs: number };
  rx1L: { frames: number; airtimeUs: number };
  rx2: { frames: number; airtimeUs: number };
  downlinksPerDevice: number;
  /** during setup: share of the devices' setup answers, and of their empty polls, sent while the gateway transmitted */
  answersHitByGatewayTx: number;
  pollsHitByGatewayTx: number;
}

/** Case 6: `setup-scaling`, one row per fleet size. */
export function measureSetupScaling(name: 'setup-scaling' | 'setup-packed' = 'setup-scaling'): SetupRow[] {
  return scenarioPoints(name).map((point) => {
    const r = runTraced(point);
    const endUs = phaseSpan(r, 'setup').endS * 1e6;
    const rx1M = gatewayAirtimeUs(r, ['setup'], SUB_BAND_M, 0, endUs + 1);
    const rx1L = gatewayAirtimeUs(r, ['setup'], SUB_BAND_L, 0, endUs + 1);
    const rx1 = { frames: rx1M.frames + rx1L.frames, airtimeUs: rx1M.airtimeUs + rx1L.airtimeUs };
    const rx2 = gatewayAirtimeUs(r, ['setup'], SUB_BAND_P, 0, endUs + 1);
    const n = r.summary.devices;
    return {
      devices: n,
      setupDurationS: r.summary.setupDurationS,
      devicesUpdated: r.summary.devicesUpdated,
      rx1,
      rx1M,
      rx1L,
      rx2,
      downlinksPerDevice: (rx1.frames + rx2.frames) / n,
      answersHitByGatewayTx: shareOverlappingGatewayTx(r, 'setup', endUs),
      pollsHitByGatewayTx: shareOverlappingGatewayTx(r, 'uplink', endUs),
    };
  });
}

/**
 * The setup downlinks of one device (lorawan-facts 4.2–4.4), as PHYPayload bytes (FRMPayload with
 * CID + 13): AppTimeAns twice (to the device's own AppTimeReq: the first corrects the clock, the
 * second confirms it is within the tolerance), PackageVersionReq, McGroupSetupReq, FragSessionSetupReq
 * (v1), McClassCSessionReq. ForceDeviceResyncReq is sent only to a device whose own synchronisation
 * the server did not see through.
 */
export const SETUP_DOWNLINK_PHY_BYTES: readonly number[] = [6 + 13, 6 + 13, 1 + 13, 30 + 13, 11 + 13, 11 + 13];

/** Mean airtime of the setup downlinks at a data rate, µs. */
export function meanSetupDownlinkAirtimeUs(sf: number, bwHz: number): number {
  const all = SETUP_DOWNLINK_PHY_BYTES.map((b) => lorawanDownlinkAirtimeUs(sf, bwHz, b));
  return all.reduce((a, b) => a + b, 0) / all.length;
}
