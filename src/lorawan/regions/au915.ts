/**
 * AU915 (915–928 MHz). Sources: LoRaWAN RP002 as implemented by LoRaMac-node `RegionAU915.h`
 * (DatarateOffsetsAU915, AU915_DEFAULT_UPLINK_DWELL_TIME 1, AU915_DEFAULT_MAX_EIRP 30) and ChirpStack
 * `lrwn/src/region/au915.rs` (lorawan-facts.md sections 2.1–2.4).
 */
import type { RegionTable } from './table.js';

const up = (dr: number, sf: number, bwHz: number) => ({ dr, modulation: 'LoRa' as const, sf, bwHz, uplink: true, downlink: false });
const down = (dr: number, sf: number) => ({ dr, modulation: 'LoRa' as const, sf, bwHz: 500_000, uplink: false, downlink: true });

/** 8 downlink channels 923.3 + 0.6·k MHz at 500 kHz (2.3, "as US915") */
const DOWNLINK_GRID = { baseHz: 923_300_000, stepHz: 600_000, count: 8 };

export const AU915: RegionTable = {
  name: 'AU915',
  frequencyRangeHz: [915_000_000, 928_000_000],
  // 2.1
  dataRates: [
    up(0, 12, 125_000), up(1, 11, 125_000), up(2, 10, 125_000), up(3, 9, 125_000),
    up(4, 8, 125_000), up(5, 7, 125_000), up(6, 8, 500_000),
    { dr: 7, modulation: 'LR-FHSS', sf: 0, bwHz: 0, uplink: true, downlink: false },
    down(8, 12), down(9, 11), down(10, 10), down(11, 9), down(12, 8), down(13, 7),
    null, null,
  ],
  // 2.2: downlink DR8..13 only (as US915)
  maxFrmPayload: {
    plain: [0, 0, 0, 0, 0, 0, 0, 0, 53, 129, 242, 242, 242, 242],
    repeater: [0, 0, 0, 0, 0, 0, 0, 0, 53, 129, 222, 222, 222, 222],
  },
  rx2: { freqHz: 923_300_000, dr: 8 },
  beacon: { dr: 8, sizeBytes: 23, freq: { kind: 'hop', grid: DOWNLINK_GRID } },
  pingSlot: { dr: 8, freq: { kind: 'hop', grid: DOWNLINK_GRID } },
  // 64 × 125 kHz at 915.2 + 0.2·k MHz, then 8 × 500 kHz at 915.9 + 1.6·k MHz (LMN RegionAU915.h)
  defaultUplinkChannelsHz: [
    ...Array.from({ length: 64 }, (_, k) => 915_200_000 + 200_000 * k),
    ...Array.from({ length: 8 }, (_, k) => 915_900_000 + 1_600_000 * k),
  ],
  rx1Channel: { kind: 'grid', grid: DOWNLINK_GRID },
  // LMN DatarateOffsetsAU915[uplink DR0..6][offset 0..5]
  rx1DrTable: [
    [8, 8, 8, 8, 8, 8],
    [9, 8, 8, 8, 8, 8],
    [10, 9, 8, 8, 8, 8],
    [11, 10, 9, 8, 8, 8],
    [12, 11, 10, 9, 8, 8],
    [13, 12, 11, 10, 9, 8],
    [13, 13, 12, 11, 10, 9],
  ],
  downlinkEirpDbm: { defaultDbm: 30, bands: [] },
  // no duty cycle
  subBands: [{ name: 'AU915', minHz: 915_000_000, maxHz: 928_000_000, dutyCycle: 1, maxErpDbm: null }],
  // LMN AU915_DEFAULT_UPLINK_DWELL_TIME 1 (400 ms); downlink dwell default 0
  dwellTimeMs: { uplink: 400, downlink: null },
  lbt: null,
  classBAllowedDataRates: [8, 9, 10, 11, 12, 13],
};
