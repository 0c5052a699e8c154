/**
 * LoRaWAN regional parameters for the regions the simulator supports.
 *
 * The numbers live in one plain data file per region (`eu868.ts`, `us915.ts`, `au915.ts`,
 * `as923.ts`, `in865.ts`), each citing its sources (LoRaWAN RP002 as implemented by LoRaMac-node,
 * ChirpStack and The Things Stack; summarised in lorawan-facts.md section 2). This file turns a
 * table into the `Region` API. Region objects are built once and frozen.
 */
import { BEACON_PERIOD_S } from '../classb.js';
import { AS923_1 } from './as923.js';
import { AU915 } from './au915.js';
import { EU868 } from './eu868.js';
import { IN865 } from './in865.js';
import type { ChannelGrid, ClassBFrequency, RegionTable } from './table.js';
import { US915 } from './us915.js';

/** The regions the simulator supports (RP002 names). */
export type RegionName = 'EU868' | 'US915' | 'AU915' | 'AS923-1' | 'IN865';

export interface DataRate {
  dr: number;
  modulation: 'LoRa' | 'FSK' | 'LR-FHSS';
  /** spreading factor (0 for FSK and LR-FHSS) */
  sf: number;
  /** bandwidth, Hz (LoRa only; 0 otherwise) */
  bwHz: number;
  uplink: boolean;
  downlink: boolean;
}

export interface SubBand {
  name: string;
  /** inclusive lower edge, Hz */
  minHz: number;
  /** exclusive upper edge, Hz */
  maxHz: number;
  /** share of time a transmitter may occupy the band; 1 = no duty-cycle limit */
  dutyCycle: number;
  /** regulatory ERP limit in the band, dBm; null where the region states no per-band ERP limit */
  maxErpDbm: number | null;
}

/** A device's uplink channels: frequencies and their numbers in the region's channel numbering. */
export interface UplinkChannelPlan {
  freqHz: readonly number[];
  /** channel number (US915/AU915: 0..63 at 125 kHz, 64..71 at 500 kHz; elsewhere the list position) */
  index: readonly number[];
  /** channel bandwidth, Hz: a channel carries the data rates of its bandwidth */
  bwHz: readonly number[];
}

/**
 * The US915/AU915 sub-band most networks use: sub-band 2, channels 8–15 and 65 (ChirpStack's
 * `configuration/region_us915_1.toml` enables uplink channels 8..15 and 65; The Things Network
 * chose sub-band 2 for North America, TheThingsArchive/ttn#119).
 */
export const DEFAULT_SUB_BAND = 2;
/** Sub-bands of the 72-channel US915/AU915 grid: 1..8 (AWS LoRaWANGateway.SubBands, 1..8). */
export const SUB_BAND_COUNT = 8;

export interface Region {
  name: RegionName;
  /** legal band, Hz (inclusive) */
  frequencyRangeHz: [number, number];
  /** index = DR; null = RFU */
  dataRates: ReadonlyArray<DataRate | null>;
  /** FRMPayload max N for a DR (downlink tables of section 2.2), repeater-compatible or not; 0 = DR not allowed. dwell: AS923 DownlinkDwellTime */
  maxFrmPayloadBytes(dr: number, opts?: { repeaterCompatible?: boolean; dwellTime?: boolean }): number;
  rx2: { freqHz: number; dr: number };
  beacon: { dr: number; sizeBytes: number; freqHz(beaconTimeGps: number): number };
  pingSlot: { dr: number; freqHz(address: number, beaconTimeGps: number): number };
  defaultUplinkChannelsHz: readonly number[];
  /** whether the region's uplink plan is chosen by sub-band (US915, AU915: gateways.subBands) */
  usesSubBands: boolean;
  /**
   * The uplink channels networks configure: EU868 the 3 default + 5 CFList channels; US915/AU915
   * the 8 × 125 kHz channels and the 500 kHz channel of each listed sub-band (1..8); elsewhere the
   * default channels. `subBands` is ignored where the region has no sub-bands.
   */
  uplinkChannels(subBands: readonly number[] | null): UplinkChannelPlan;
  rx1: {
    freqHz(uplinkFreqHz: number, uplinkChannelIndex: number): number;
    /** RX1 data rate for an uplink DR and RX1DROffset (`dwellTime`: AS923 DownlinkDwellTime = 1) */
    dr(uplinkDr: number, offset: number, dwellTime?: boolean): number;
    /** largest RX1DROffset the region defines */
    maxOffset: number;
  };
  /** whether DownlinkDwellTime (TxParamSetupReq) applies in this region (AS923) */
  downlinkDwellConfigurable: boolean;
  /** the downlink EIRP limit LNSs use (section 2.4), dBm; ERP = EIRP − 2.15 dB */
  downlinkTxPowerDbm(freqHz: number): number;
  /** EU868 ETSI sub-bands; a single 100 % band where there is no duty cycle */
  subBands: readonly SubBand[];
  /** null = outside every band */
  subBandOf(freqHz: number): SubBand | null;
  dwellTimeMs: { uplink: number | null; downlink: number | null };
  /** AS923-1 listen-before-talk parameters; `enabledByDefault` says whether the base plan applies them */
  lbt: { thresholdDbm: number; senseTimeUs: number; enabledByDefault?: boolean } | null;
  /** downlink DRs usable for class B ping slots */
  classBAllowedDataRates: readonly number[];
}

export const REGION_NAMES: readonly RegionName[] = Object.freeze(['EU868', 'US915', 'AU915', 'AS923-1', 'IN865']);

function gridFreqHz(grid: ChannelGrid, channel: number): number {
  return grid.baseHz + (channel % grid.count) * grid.stepHz;
}

function beaconPeriodIndex(beaconTimeGps: number): number {
  return Math.floor(beaconTimeGps / BEACON_PERIOD_S);
}

function checkDr(t: RegionTable, dr: number): void {
  if (!Number.isInteger(dr) || dr < 0 || dr > 15) throw new RangeError(`${t.name}: data rate must be an integer 0..15, got ${dr}`);
}

function classBFreq(f: ClassBFrequency, channel: () => number): number {
  return f.kind === 'fixed' ? f.freqHz : gridFreqHz(f.grid, channel());
}

function uplinkChannels(t: RegionTable, subBands: readonly number[] | null): UplinkChannelPlan {
  const all = t.defaultUplinkChannelsHz;
  const plan = t.networkUplinkPlan;
  if (plan.kind !== 'subBands') {
    const freqHz = plan.kind === 'cfList' ? [...all, ...plan.extraHz] : [...all];
    return { freqHz, index: freqHz.map((_, i) => i), bwHz: freqHz.map(() => 125_000) };
  }
  // sub-band k (1..8): 125 kHz channels 8(k − 1) .. 8(k − 1) + 7, then its 500 kHz channel 64 + k − 1
  const bands = [...new Set(subBands ?? [DEFAULT_SUB_BAND])].sort((a, b) => a - b);
  for (const sb of bands) {
    if (!Number.isInteger(sb) || sb < 1 || sb > SUB_BAND_COUNT) throw new RangeError(`${t.name}: sub-band ${sb} is not in 1..${SUB_BAND_COUNT}`);
  }
  const index = [...bands.flatMap((sb) => Array.from({ length: 8 }, (_, k) => 8 * (sb - 1) + k)), ...bands.map((sb) => 64 + sb - 1)];
  return { freqHz: index.map((i) => all[i]), index, bwHz: index.map((i) => (i < 64 ? 125_000 : 500_000)) };
}

/** Builds the Region API over a plain table. */
export function buildRegion(t: RegionTable): Region {
  const region: Region = {
    name: t.name,
    frequencyRangeHz: [t.frequencyRangeHz[0], t.frequencyRangeHz[1]],
    dataRates: t.dataRates,
    maxFrmPayloadBytes(dr, opts = {}) {
      checkDr(t, dr);
      const m = t.maxFrmPayload;
      const dwell = opts.dwellTime === true && m.dwellPlain !== undefined;
      const table = dwell
        ? (opts.repeaterCompatible ? m.dwellRepeater : m.dwellPlain)
        : (opts.repeaterCompatible ? m.repeater : m.plain);
      return table?.[dr] ?? 0;
    },
    rx2: { freqHz: t.rx2.freqHz, dr: t.rx2.dr },
    beacon: {
      dr: t.beacon.dr,
      sizeBytes: t.beacon.sizeBytes,
      freqHz: (beaconTimeGps) => classBFreq(t.beacon.freq, () => beaconPeriodIndex(beaconTimeGps)),
    },
    pingSlot: {
      dr: t.pingSlot.dr,
      // lorawan-facts.md 2.3: channel = (DevAddr + floor(beaconTime / 128)) mod 8
      freqHz: (address, beaconTimeGps) =>
        classBFreq(t.pingSlot.freq, () => (address >>> 0) + beaconPeriodIndex(beaconTimeGps)),
    },
    defaultUplinkChannelsHz: t.defaultUplinkChannelsHz,
    usesSubBands: t.networkUplinkPlan.kind === 'subBands',
    uplinkChannels: (subBands) => uplinkChannels(t, subBands),
    rx1: {
      freqHz(uplinkFreqHz, uplinkChannelIndex) {
        return t.rx1Channel.kind === 'same' ? uplinkFreqHz : gridFreqHz(t.rx1Channel.grid, uplinkChannelIndex);
      },
      dr(uplinkDr, offset, dwellTime = false) {
        const table = dwellTime && t.rx1DrTableDwell ? t.rx1DrTableDwell : t.rx1DrTable;
        const dr = table[uplinkDr]?.[offset];
        if (dr === undefined) throw new RangeError(`${t.name}: no RX1 data rate for uplink DR${uplinkDr} with offset ${offset}`);
        return dr;
      },
      maxOffset: t.rx1DrTable[0].length - 1,
    },
    downlinkDwellConfigurable: t.maxFrmPayload.dwellPlain !== undefined,
    downlinkTxPowerDbm(freqHz) {
      for (const b of t.downlinkEirpDbm.bands) if (freqHz >= b.minHz && freqHz < b.maxHz) return b.eirpDbm;
      return t.downlinkEirpDbm.defaultDbm;
    },
    subBands: t.subBands,
    subBandOf(freqHz) {
      for (const b of t.subBands) if (freqHz >= b.minHz && freqHz < b.maxHz) return b;
      return null;
    },
    dwellTimeMs: { uplink: t.dwellTimeMs.uplink, downlink: t.dwellTimeMs.downlink },
    lbt: t.lbt === null ? null : { ...t.lbt },
    classBAllowedDataRates: t.classBAllowedDataRates,
  };
  return deepFreeze(region);
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const REGIONS: Readonly<Record<RegionName, Region>> = Object.freeze({
  EU868: buildRegion(EU868),
  US915: buildRegion(US915),
  AU915: buildRegion(AU915),
  'AS923-1': buildRegion(AS923_1),
  IN865: buildRegion(IN865),
});

export function getRegion(name: RegionName): Region {
  const r = REGIONS[name];
  if (r === undefined) throw new RangeError(`unknown region ${String(name)}; expected one of ${REGION_NAMES.join(', ')}`);
  return r;
}
