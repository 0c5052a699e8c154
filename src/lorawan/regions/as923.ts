/**
 * AS923-1 (915–928 MHz plan, no frequency offset). Sources: LoRaWAN RP002 as implemented by
 * LoRaMac-node `RegionAS923.h` (MaxPayloadOfDatarateDwell0/1AS923, EffectiveRx1DrOffsetDownlinkDwell0AS923,
 * AS923_DUTY_CYCLE_ENABLED 0, AS923_DEFAULT_UPLINK_DWELL_TIME 1, RP002 downlink dwell default 0),
 * ChirpStack `lrwn/src/region/as923.rs` and The Things Stack `pkg/band/as_923.go`
 * (lorawan-facts.md sections 2.1–2.4, 2.6).
 */
import { fskRate, loraRate as lora, type RegionTable } from './table.js';

export const AS923_1: RegionTable = {
  name: 'AS923-1',
  frequencyRangeHz: [915_000_000, 928_000_000],
  dataRates: [
    lora(0, 12, 125_000), lora(1, 11, 125_000), lora(2, 10, 125_000), lora(3, 9, 125_000),
    lora(4, 8, 125_000), lora(5, 7, 125_000), lora(6, 7, 250_000),
    fskRate(7),
    null, null, null, null, null, null, null, null,
  ],
  // 2.2: DownlinkDwellTime 0 and 1 (400 ms)
  maxFrmPayload: {
    plain: [51, 51, 115, 115, 242, 242, 242, 242],
    repeater: [51, 51, 115, 115, 222, 222, 222, 222],
    dwellPlain: [0, 0, 11, 53, 125, 242, 242, 242],
    dwellRepeater: [0, 0, 11, 53, 125, 222, 222, 222],
  },
  rx2: { freqHz: 923_200_000, dr: 2 },
  beacon: { dr: 3, sizeBytes: 17, freq: { kind: 'fixed', freqHz: 923_400_000 } },
  pingSlot: { dr: 3, freq: { kind: 'fixed', freqHz: 923_400_000 } },
  defaultUplinkChannelsHz: [923_200_000, 923_400_000],
  networkUplinkPlan: { kind: 'default' },
  rx1Channel: { kind: 'same' },
  // LMN EffectiveRx1DrOffsetDownlinkDwell0AS923[uplink DR][offset 0..7]; offsets 6, 7 mean −1, −2
  rx1DrTable: [
    [0, 0, 0, 0, 0, 0, 1, 2],
    [1, 0, 0, 0, 0, 0, 2, 3],
    [2, 1, 0, 0, 0, 0, 3, 4],
    [3, 2, 1, 0, 0, 0, 4, 5],
    [4, 3, 2, 1, 0, 0, 5, 6],
    [5, 4, 3, 2, 1, 0, 6, 7],
    [6, 5, 4, 3, 2, 1, 7, 7],
    [7, 6, 5, 4, 3, 2, 7, 7],
  ],
  // LMN EffectiveRx1DrOffsetDownlinkDwell1AS923: with DownlinkDwellTime = 1 RX1 never goes below DR2
  rx1DrTableDwell: [
    [2, 2, 2, 2, 2, 2, 2, 2],
    [2, 2, 2, 2, 2, 2, 2, 3],
    [2, 2, 2, 2, 2, 2, 3, 4],
    [3, 2, 2, 2, 2, 2, 4, 5],
    [4, 3, 2, 2, 2, 2, 5, 6],
    [5, 4, 3, 2, 2, 2, 6, 7],
    [6, 5, 4, 3, 2, 2, 7, 7],
    [7, 6, 5, 4, 3, 2, 7, 7],
  ],
  // 2.4: 16 dBm EIRP (LMN AS923_DEFAULT_MAX_EIRP, ChirpStack)
  downlinkEirpDbm: { defaultDbm: 16, bands: [] },
  // 2.6: the base plan has duty cycle off in LMN (TTS models a 1 % band at 923.0–923.5 MHz; not used here)
  subBands: [{ name: 'AS923-1', minHz: 915_000_000, maxHz: 928_000_000, dutyCycle: 1, maxErpDbm: null }],
  dwellTimeMs: { uplink: 400, downlink: null },
  // 2.6: ARIB STD-T108 carrier sense −80 dBm for 5 ms; only LMN's Japan LBT plans enable it, not the base plan
  lbt: { thresholdDbm: -80, senseTimeUs: 5_000, enabledByDefault: false },
  classBAllowedDataRates: [0, 1, 2, 3, 4, 5, 6],
};
