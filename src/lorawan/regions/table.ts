/**
 * The plain-data shape of one region's table. Each `regions/<name>.ts` file exports one of these,
 * citing its sources; `regions/index.ts` turns it into the `Region` API. Keeping the rules (channel
 * hopping, RX1 offsets, power bands) as data keeps the data files free of logic.
 */
import type { RegionName } from '../../scenario/types.js';
import type { DataRate, SubBand } from './index.js';

/** A channel grid: channel k is at baseHz + k · stepHz, k = 0..count-1. */
export interface ChannelGrid {
  baseHz: number;
  stepHz: number;
  count: number;
}

/** A fixed frequency, or a grid hopped by beacon period (beacon) or by address + period (ping slot). */
export type ClassBFrequency = { kind: 'fixed'; freqHz: number } | { kind: 'hop'; grid: ChannelGrid };

export interface RegionTable {
  name: RegionName;
  /** legal band, Hz (inclusive) */
  frequencyRangeHz: [number, number];
  /** index = DR; null = RFU */
  dataRates: ReadonlyArray<DataRate | null>;
  /** downlink FRMPayload max N per DR (0 = not allowed for downlink), lorawan-facts.md 2.2 */
  maxFrmPayload: {
    plain: readonly number[];
    repeater: readonly number[];
    /** AS923 with DownlinkDwellTime = 1 (400 ms); absent where the region has no downlink dwell limit */
    dwellPlain?: readonly number[];
    dwellRepeater?: readonly number[];
  };
  rx2: { freqHz: number; dr: number };
  beacon: { dr: number; sizeBytes: number; freq: ClassBFrequency };
  pingSlot: { dr: number; freq: ClassBFrequency };
  defaultUplinkChannelsHz: readonly number[];
  /** RX1 channel: the uplink frequency itself, or downlink grid channel (uplink channel index mod count) */
  rx1Channel: { kind: 'same' } | { kind: 'grid'; grid: ChannelGrid };
  /** RX1 data rate: rx1DrTable[uplinkDr][rx1DrOffset] */
  rx1DrTable: ReadonlyArray<readonly number[]>;
  /** downlink EIRP limit, dBm: the first band containing the frequency wins, else defaultDbm */
  downlinkEirpDbm: { defaultDbm: number; bands: ReadonlyArray<{ minHz: number; maxHz: number; eirpDbm: number }> };
  subBands: readonly SubBand[];
  dwellTimeMs: { uplink: number | null; downlink: number | null };
  lbt: { thresholdDbm: number; senseTimeUs: number; enabledByDefault: boolean } | null;
  classBAllowedDataRates: readonly number[];
}
