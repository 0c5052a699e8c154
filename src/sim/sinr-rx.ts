/**
 * The SINR receivers of one run (docs/models/sinr.md): noise floors and PER tables of the device
 * radio and of the gateways, and the external load, shared by the uplink medium and the downlink
 * receivers when `channel.reception` is "sinr". Everything per frame is read from typed tables; the
 * success draw is counter-based on (seed, Purpose.per, receiver key, frame key).
 */
import { Purpose, uniform } from '../engine/rng.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { externalFrames, externalPowerDbm, overlappingExternal, type ExternalFrames, type ExternalLoadParams } from '../radio/external.js';
import { deviceReceiverNoise, gatewayReceiverNoise, type ReceiverNoise } from '../radio/noise.js';
import { frameSymbols, PerTable, successAt } from '../radio/per.js';
import { noiseFloorDbm } from '../radio/sensitivity.js';
import { interferenceMw } from '../radio/sinr.js';

/** Most foreign frames considered against one wanted frame. */
const MAX_EXTERNAL = 64;

/** Receiver keys of the external-load power draws: gateways after every device. */
export function gatewayReceiverKey(devices: number, gateway: number): number {
  return devices + gateway;
}

export class SinrReceivers {
  readonly device: ReceiverNoise;
  readonly gateway: ReceiverNoise;
  readonly deviceTables: PerTable;
  readonly gatewayTables: PerTable;
  readonly external: ExternalLoadParams;
  private readonly ext: ExternalFrames = externalFrames(MAX_EXTERNAL);
  private readonly extDbm = new Float64Array(MAX_EXTERNAL);
  private readonly extOverlap = new Float64Array(MAX_EXTERNAL);

  constructor(private readonly s: ResolvedScenario) {
    this.device = deviceReceiverNoise(s.devices.radio, s.channel.demodulator);
    this.gateway = gatewayReceiverNoise(s.channel.demodulator);
    this.deviceTables = new PerTable(this.device.lossDb);
    this.gatewayTables = new PerTable(this.gateway.lossDb);
    this.external = s.channel.externalLoad;
  }

  deviceNoiseDbm(bwHz: number): number {
    return noiseFloorDbm(bwHz, this.device.noiseFigureDb);
  }

  gatewayNoiseDbm(bwHz: number): number {
    return noiseFloorDbm(bwHz, this.gateway.noiseFigureDb);
  }

  /** Success table of an uplink (CRC on) at the gateways. */
  uplinkTable(sf: number, bwHz: number, phyBytes: number): Float64Array {
    return this.gatewayTables.table(sf, frameSymbols(sf, bwHz, phyBytes, true));
  }

  /** Success table of a downlink (CRC off) at the devices. */
  downlinkTable(sf: number, bwHz: number, phyBytes: number): Float64Array {
    return this.deviceTables.table(sf, frameSymbols(sf, bwHz, phyBytes, false));
  }

  /** Whether the frame is received at `sinrDb` with its table: the counter-based PER draw. */
  receives(table: Float64Array, sinrDb: number, receiverKey: number, frameKey: number): boolean {
    const p = successAt(table, sinrDb);
    if (p >= 1) return true;
    if (p <= 0) return false;
    return uniform(this.s.seed, Purpose.per, receiverKey, frameKey) < p;
  }

  /**
   * Equivalent noise (mW) of the external load at one receiver over the wanted frame
   * [startUs, endUs) on freqHz at `sf` (energy over the overlap, isolation-weighted).
   */
  externalMw(receiverKey: number, freqHz: number, startUs: number, endUs: number, sf: number): number {
    const p = this.external;
    if (!(p.airtimeShare > 0)) return 0;
    const n = overlappingExternal(p, this.s.seed, freqHz, startUs, endUs, this.ext);
    if (n === 0) return 0;
    for (let k = 0; k < n; k++) {
      this.extDbm[k] = externalPowerDbm(p, this.s.seed, this.ext.id[k], receiverKey);
      this.extOverlap[k] = Math.min(endUs, this.ext.endUs[k]) - Math.max(startUs, this.ext.startUs[k]);
    }
    return interferenceMw(sf, endUs - startUs, this.extDbm, this.ext.sf, this.extOverlap, n);
  }

  /**
   * External frames overlapping [startUs, endUs) on freqHz as heard by one receiver, appended to
   * the caller's interferer arrays from index `at` (with their overlap with the interval when
   * `overlapUs` is given); returns the new count (at most `dbm.length`).
   */
  appendExternal(receiverKey: number, freqHz: number, startUs: number, endUs: number, dbm: Float64Array, sfs: Float64Array, at: number, overlapUs: Float64Array | null = null): number {
    const p = this.external;
    if (!(p.airtimeShare > 0)) return at;
    const n = overlappingExternal(p, this.s.seed, freqHz, startUs, endUs, this.ext);
    let c = at;
    for (let k = 0; k < n && c < dbm.length; k++) {
      dbm[c] = externalPowerDbm(p, this.s.seed, this.ext.id[k], receiverKey);
      sfs[c] = this.ext.sf[k];
      if (overlapUs !== null) overlapUs[c] = Math.min(endUs, this.ext.endUs[k]) - Math.max(startUs, this.ext.startUs[k]);
      c++;
    }
    return c;
  }
}
