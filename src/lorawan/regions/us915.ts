/**
 * US915 (902–928 MHz). Sources: LoRaWAN RP002 as implemented by LoRaMac-node `RegionUS915.h`
 * (DatarateOffsetsUS915, US915_DUTY_CYCLE_ENABLED 0, US915_DEFAULT_MAX_ERP 30), ChirpStack
 * `lrwn/src/region/us915.rs` (`get_ping_slot_frequency`) and The Things Stack `pkg/band/beacon.go`
 * (lorawan-facts.md sections 2.1–2.4, 2.6).
 */
import { hybridUplinkChannelsHz, loraRate, lrFhssRate as lrFhss, type RegionTable } from './table.js';

const up = (dr: number, sf: number, bwHz: number) => loraRate(dr, sf, bwHz, 'uplink');
/** DR8..13: SF12..SF7 at 500 kHz, downlink only (shared with AU915) */
export const US_DOWNLINK_RATES = [12, 11, 10, 9, 8, 7].map((sf, i) => loraRate(8 + i, sf, 500_000, 'downlink'));

/** 8 downlink channels 923.3 + 0.6·k MHz at 500 kHz (2.3) */
const DOWNLINK_GRID = { baseHz: 923_300_000, stepHz: 600_000, count: 8 };

export const US915: RegionTable = {
  name: 'US915',
  frequencyRangeHz: [902_000_000, 928_000_000],
  // 2.1. DR7 (SF6 in RP002-1.0.5) is not modelled and left null.
  dataRates: [
    up(0, 10, 125_000), up(1, 9, 125_000), up(2, 8, 125_000), up(3, 7, 125_000), up(4, 8, 500_000),
    lrFhss(5), lrFhss(6), null,
    ...US_DOWNLINK_RATES,
    null, null,
  ],
  // 2.2: downlink DR8..13 only
  maxFrmPayload: {
    plain: [0, 0, 0, 0, 0, 0, 0, 0, 53, 129, 242, 242, 242, 242],
    repeater: [0, 0, 0, 0, 0, 0, 0, 0, 53, 129, 222, 222, 222, 222],
  },
  rx2: { freqHz: 923_300_000, dr: 8 },
  // beacon channel k = floor(beaconTime / 128) mod 8; ping channel (address + floor(beaconTime/128)) mod 8
  beacon: { dr: 8, sizeBytes: 23, freq: { kind: 'hop', grid: DOWNLINK_GRID } },
  pingSlot: { dr: 8, freq: { kind: 'hop', grid: DOWNLINK_GRID } },
  // 2.6: 64 × 125 kHz at 902.3 + 0.2·k MHz, then 8 × 500 kHz at 903.0 + 1.6·k MHz (channels 64..71)
  defaultUplinkChannelsHz: hybridUplinkChannelsHz(902_300_000, 903_000_000),
  // networks use one 8 + 1 channel sub-band (gateways.subBands, AWS LoRaWANGateway.SubBands)
  networkUplinkPlan: { kind: 'subBands' },
  // RX1 channel = uplink channel mod 8
  rx1Channel: { kind: 'grid', grid: DOWNLINK_GRID },
  // LMN DatarateOffsetsUS915[uplink DR0..4][offset 0..3]
  rx1DrTable: [
    [10, 9, 8, 8],
    [11, 10, 9, 8],
    [12, 11, 10, 9],
    [13, 12, 11, 10],
    [13, 13, 12, 11],
  ],
  // 2.4: 30 dBm (LMN US915_DEFAULT_MAX_ERP; TTS MaxEIRP 30). ChirpStack's default is 21 dBm, a setting.
  downlinkEirpDbm: { defaultDbm: 30, bands: [] },
  // 2.6: no duty cycle (LMN band {1, ...} = 100 %)
  subBands: [{ name: 'US915', minHz: 902_000_000, maxHz: 928_000_000, dutyCycle: 1, maxErpDbm: null }],
  // 2.6: 400 ms uplink dwell on the 125 kHz channels (FCC); none on the 500 kHz downlinks
  dwellTimeMs: { uplink: 400, downlink: null },
  lbt: null,
  classBAllowedDataRates: [8, 9, 10, 11, 12, 13],
};
