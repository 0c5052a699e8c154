/**
 * IN865 (865–867 MHz). Sources: LoRaWAN RP002 as implemented by LoRaMac-node `RegionIN865.h`
 * (MaxPayloadOfDatarate(Repeater)IN865, EffectiveRx1DrOffsetIN865, IN865_BAND0 = 100 %,
 * IN865_DEFAULT_MAX_EIRP 30) and ChirpStack `lrwn/src/region/in865.rs` (lorawan-facts.md 2.1–2.4).
 */
import { fskRate, loraRate as lora, type RegionTable } from './table.js';

export const IN865: RegionTable = {
  name: 'IN865',
  frequencyRangeHz: [865_000_000, 867_000_000],
  // 2.1: DR6 is RFU in RP002 (ChirpStack); LMN lists SF7/250 but it is not a valid IN865 rate
  dataRates: [
    lora(0, 12, 125_000), lora(1, 11, 125_000), lora(2, 10, 125_000), lora(3, 9, 125_000),
    lora(4, 8, 125_000), lora(5, 7, 125_000), null,
    fskRate(7),
    null, null, null, null, null, null, null, null,
  ],
  // 2.2: DR 0,1,2 / 3 / 4,5,7; DR6 RFU
  maxFrmPayload: {
    plain: [51, 51, 51, 115, 242, 242, 0, 242],
    repeater: [51, 51, 51, 115, 222, 222, 0, 222],
  },
  rx2: { freqHz: 866_550_000, dr: 2 },
  beacon: { dr: 4, sizeBytes: 19, freq: { kind: 'fixed', freqHz: 866_550_000 } },
  pingSlot: { dr: 4, freq: { kind: 'fixed', freqHz: 866_550_000 } },
  defaultUplinkChannelsHz: [865_062_500, 865_402_500, 865_985_000],
  networkUplinkPlan: { kind: 'default' },
  rx1Channel: { kind: 'same' },
  // RX1DR = min(5, max(0, ULDR − eff)), eff = [0, 1, 2, 3, 4, 5, −1, −2][offset] (LMN EffectiveRx1DrOffsetIN865)
  rx1DrTable: [
    [0, 0, 0, 0, 0, 0, 1, 2],
    [1, 0, 0, 0, 0, 0, 2, 3],
    [2, 1, 0, 0, 0, 0, 3, 4],
    [3, 2, 1, 0, 0, 0, 4, 5],
    [4, 3, 2, 1, 0, 0, 5, 5],
    [5, 4, 3, 2, 1, 0, 5, 5],
  ],
  downlinkEirpDbm: { defaultDbm: 30, bands: [] },
  // India sets no duty cycle on 865–867 MHz (LMN IN865_BAND0 duty cycle 1 = 100 %)
  subBands: [{ name: 'IN865', minHz: 865_000_000, maxHz: 867_000_000, dutyCycle: 1, maxErpDbm: null }],
  dwellTimeMs: { uplink: null, downlink: null },
  lbt: null,
  classBAllowedDataRates: [0, 1, 2, 3, 4, 5],
};
