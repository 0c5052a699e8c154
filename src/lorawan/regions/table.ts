/**
 * The plain-data shape of one region's table. Each `regions/<name>.ts` file exports one of these,
 * citing its sources; `regions/index.ts` turns it into the `Region` API. Keeping the rules (channel
 * hopping, RX1 offsets, power bands) as data keeps the data files free of logic.
 */
import type { DataRate, RegionName, SubBand } from './index.js';

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
  /**
   * The uplink channel plan networks give devices on top of (or instead of) the default channels:
   * `cfList` adds channels (EU868: the CFList of the join accept); `subBands` picks 8 × 125 kHz
   * channels plus one 500 kHz channel of the 72-channel grid per sub-band 1..8 (US915, AU915).
   */
  networkUplinkPlan: { kind: 'cfList'; extraHz: readonly number[] } | { kind: 'subBands' } | { kind: 'default' };
  /** RX1 channel: the uplink frequency itself, or downlink grid channel (uplink channel index mod count) */
  rx1Channel: { kind: 'same' } | { kind: 'grid'; grid: ChannelGrid };
  /** RX1 data rate: rx1DrTable[uplinkDr][rx1DrOffset] */
  rx1DrTable: ReadonlyArray<readonly number[]>;
  /** RX1 data rate with DownlinkDwellTime = 1 (AS923); absent where downlinks have no dwell limit */
  rx1DrTableDwell?: ReadonlyArray<readonly number[]>;
  /** downlink EIRP limit, dBm: the first band containing the frequency wins, else defaultDbm */
  downlinkEirpDbm: { defaultDbm: number; bands: ReadonlyArray<{ minHz: number; maxHz: number; eirpDbm: number }> };
  subBands: readonly SubBand[];
  dwellTimeMs: { uplink: number | null; downlink: number | null };
  lbt: { thresholdDbm: number; senseTimeUs: number; enabledByDefault: boolean } | null;
  classBAllowedDataRates: readonly number[];
}

/** A LoRa data rate; `link` says which directions may use it (RP002 DR tables). */
export function loraRate(dr: number, sf: number, bwHz: number, link: 'both' | 'uplink' | 'downlink' = 'both'): DataRate {
  return { dr, modulation: 'LoRa', sf, bwHz, uplink: link !== 'downlink', downlink: link !== 'uplink' };
}

/** FSK 50 kbps (EU868, AS923, IN865 DR7), both directions. */
export function fskRate(dr: number): DataRate {
  return { dr, modulation: 'FSK', sf: 0, bwHz: 0, uplink: true, downlink: true };
}

/** LR-FHSS (uplink only). */
export function lrFhssRate(dr: number): DataRate {
  return { dr, modulation: 'LR-FHSS', sf: 0, bwHz: 0, uplink: true, downlink: false };
}

/** US915/AU915-style uplink plan: 64 × 125 kHz every 200 kHz, then 8 × 500 kHz every 1.6 MHz. */
export function hybridUplinkChannelsHz(first125Hz: number, first500Hz: number): number[] {
  return [
    ...Array.from({ length: 64 }, (_, k) => first125Hz + 200_000 * k),
    ...Array.from({ length: 8 }, (_, k) => first500Hz + 1_600_000 * k),
  ];
}
