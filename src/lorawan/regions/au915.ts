/**
 * AU915 (915–928 MHz). Sources: LoRaWAN RP002 as implemented by LoRaMac-node `RegionAU915.h`
 * (DatarateOffsetsAU915, AU915_DEFAULT_UPLINK_DWELL_TIME 1, AU915_DEFAULT_MAX_EIRP 30) and ChirpStack
 * `lrwn/src/region/au915.rs` (lorawan-facts.md sections 2.1–2.4). Downlinks are those of US915:
 * DR8..13 at 500 kHz on 923.3 + 0.6·k MHz, same payload limits, RX2, beacon and ping slots.
 */
import { hybridUplinkChannelsHz, loraRate, lrFhssRate, type RegionTable } from './table.js';
import { US915, US_DOWNLINK_RATES } from './us915.js';

const up = (dr: number, sf: number, bwHz: number) => loraRate(dr, sf, bwHz, 'uplink');

export const AU915: RegionTable = {
  name: 'AU915',
  frequencyRangeHz: [915_000_000, 928_000_000],
  // 2.1
  dataRates: [
    up(0, 12, 125_000), up(1, 11, 125_000), up(2, 10, 125_000), up(3, 9, 125_000),
    up(4, 8, 125_000), up(5, 7, 125_000), up(6, 8, 500_000), lrFhssRate(7),
    ...US_DOWNLINK_RATES,
    null, null,
  ],
  // 2.2 and 2.3: "as US915"
  maxFrmPayload: US915.maxFrmPayload,
  rx2: US915.rx2,
  beacon: US915.beacon,
  pingSlot: US915.pingSlot,
  // 64 × 125 kHz at 915.2 + 0.2·k MHz, then 8 × 500 kHz at 915.9 + 1.6·k MHz (LMN RegionAU915.h)
  defaultUplinkChannelsHz: hybridUplinkChannelsHz(915_200_000, 915_900_000),
  networkUplinkPlan: { kind: 'subBands' },
  rx1Channel: US915.rx1Channel,
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
  classBAllowedDataRates: US915.classBAllowedDataRates,
};
