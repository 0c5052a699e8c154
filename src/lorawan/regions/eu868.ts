/**
 * EU868 (863–870 MHz). Sources: LoRaWAN RP002 as implemented by LoRaMac-node `RegionEU868.h`,
 * ChirpStack `lrwn/src/region/eu868.rs` and The Things Stack `pkg/band/eu_863_870.go`
 * (lorawan-facts.md sections 2.1–2.5). Sub-bands: ETSI EN 300 220-2 V3.1.1 letters as used by TTS
 * (the legacy LoRaWAN names g/g1/g2/g3/g4 are given in comments; that mapping is conventional).
 */
import { fskRate, loraRate as lora, lrFhssRate as lrFhss, type RegionTable } from './table.js';

export const EU868: RegionTable = {
  name: 'EU868',
  frequencyRangeHz: [863_000_000, 870_000_000],
  // 2.1. DR12/DR13 (SF6/SF5, RP002-1.0.5) are not modelled and left null.
  dataRates: [
    lora(0, 12, 125_000), lora(1, 11, 125_000), lora(2, 10, 125_000), lora(3, 9, 125_000),
    lora(4, 8, 125_000), lora(5, 7, 125_000), lora(6, 7, 250_000),
    fskRate(7),
    lrFhss(8), lrFhss(9), lrFhss(10), lrFhss(11),
    null, null, null, null,
  ],
  // 2.2 (N; LMN MaxPayloadOfDatarateEU868 / ...RepeaterEU868). LR-FHSS DRs are uplink only: 0.
  maxFrmPayload: {
    plain: [51, 51, 51, 115, 242, 242, 242, 242],
    repeater: [51, 51, 51, 115, 222, 222, 222, 222],
  },
  rx2: { freqHz: 869_525_000, dr: 0 },
  beacon: { dr: 3, sizeBytes: 17, freq: { kind: 'fixed', freqHz: 869_525_000 } },
  pingSlot: { dr: 3, freq: { kind: 'fixed', freqHz: 869_525_000 } },
  defaultUplinkChannelsHz: [868_100_000, 868_300_000, 868_500_000],
  // the five CFList channels every EU868 network configures (867.1–867.9 MHz, sub-band L): ChirpStack
  // `configuration/region_eu868.toml` extra_channels, The Things Stack plan EU_863_870_TTN
  networkUplinkPlan: { kind: 'cfList', extraHz: [867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000] },
  rx1Channel: { kind: 'same' },
  // RX1DR = max(0, ULDR − offset), offset 0..5 (2.3)
  rx1DrTable: [
    [0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0],
    [2, 1, 0, 0, 0, 0],
    [3, 2, 1, 0, 0, 0],
    [4, 3, 2, 1, 0, 0],
    [5, 4, 3, 2, 1, 0],
    [6, 5, 4, 3, 2, 1],
    [7, 6, 5, 4, 3, 2],
  ],
  // 2.4: 14 dBm ERP (16.15 dBm EIRP) except 27 dBm ERP (29.15 dBm EIRP) in 869.4–869.65 MHz (TTS
  // MaxEIRP 27 + 2.15; ChirpStack rounds to 16 / 29 dBm).
  downlinkEirpDbm: { defaultDbm: 16.15, bands: [{ minHz: 869_400_000, maxHz: 869_650_000, eirpDbm: 29.15 }] },
  // 2.5
  subBands: [
    { name: 'K', minHz: 863_000_000, maxHz: 865_000_000, dutyCycle: 0.001, maxErpDbm: 14 }, // g (lower part)
    { name: 'L', minHz: 865_000_000, maxHz: 868_000_000, dutyCycle: 0.01, maxErpDbm: 14 }, // g
    { name: 'M', minHz: 868_000_000, maxHz: 868_600_000, dutyCycle: 0.01, maxErpDbm: 14 }, // g1: default channels
    { name: 'N', minHz: 868_700_000, maxHz: 869_200_000, dutyCycle: 0.001, maxErpDbm: 14 }, // g2
    { name: 'P', minHz: 869_400_000, maxHz: 869_650_000, dutyCycle: 0.1, maxErpDbm: 27 }, // g3: RX2, beacon, ping
    { name: 'R', minHz: 869_700_000, maxHz: 870_000_000, dutyCycle: 0.01, maxErpDbm: 14 }, // g4
  ],
  dwellTimeMs: { uplink: null, downlink: null },
  lbt: null,
  // every LoRa downlink DR (RP002 places no class B restriction beyond the DR table)
  classBAllowedDataRates: [0, 1, 2, 3, 4, 5, 6],
};
