/**
 * Receiver noise and the calibration of the PER model to datasheet sensitivities
 * (docs/models/sinr.md).
 *
 * Noise floor N = −174 dBm/Hz + 10·log10(BW) + NF. Noise figures:
 * - SX1276: 7 dB, highest LNA gain (G1) in band 1 (862–1020 MHz), SX1276/77/78/79 datasheet rev 4,
 *   table 38 "LNA gain control and performances". With the datasheet's LoRa demodulator SNR
 *   (table 13: −7.5 … −20 dB) it gives back the datasheet sensitivity within 1 dB.
 * - SX1262: 6 dB, an assumption (lorawan-facts 6.2, 9.3), as sensitivity.ts.
 * - Gateway (SX1301/SX1302 concentrator): 1.5 dB, the front-end LNA of Semtech's SX1302 reference
 *   design ("an LNA with 18 dB of gain and 1.5 dB of noise figure", SX1302 datasheet rev 1.0 §3.6).
 *
 * Implementation loss L(SF): the ideal detector of ser.ts needs L dB less SNR than a real chip. L is
 * chosen so that the PER model meets the datasheet's sensitivity test: SX127x 1 % PER with a 10-byte
 * payload at CR 4/6, CRC on (SX1272/73 datasheet rev 2 §2.5.5; the SX1276 datasheet uses the same
 * convention, an assumption), SX1301/SX1302 10 % PER with 12-byte packets (SX1302 datasheet §3.6),
 * at the sensitivities of sensitivity.ts. Computed, not tabulated: see {@link implementationLossDb}.
 */
import { deviceSensitivityDbm, gatewaySensitivityDbm, noiseFloorDbm, type RadioChip } from './sensitivity.js';
import { frameSymbols, snrForFrameErrorRate } from './per.js';

/** Receiver noise figures, dB (sources in the header). */
export const NOISE_FIGURE_DB: Readonly<Record<RadioChip | 'gateway', number>> = Object.freeze({
  sx1276: 7,
  sx1262: 6,
  gateway: 1.5,
});

/** The sensitivity test of a datasheet: packet error rate, payload bytes, coding rate, CRC. */
export interface SensitivityTest {
  per: number;
  payloadBytes: number;
  codingRate: 1 | 2 | 3 | 4;
  crc: boolean;
}

/** SX127x datasheets: PER 1 %, 10-byte payload, CR 4/6, CRC on. */
export const DEVICE_SENSITIVITY_TEST: SensitivityTest = Object.freeze({ per: 0.01, payloadBytes: 10, codingRate: 2, crc: true });
/** SX1302 datasheet: PER 10 %, 12-byte packets (CR 4/5 and CRC on assumed, as LoRaWAN uplinks). */
export const GATEWAY_SENSITIVITY_TEST: SensitivityTest = Object.freeze({ per: 0.1, payloadBytes: 12, codingRate: 1, crc: true });

/** How the PER model treats the receiver: calibrated to its datasheet, or an ideal detector. */
export type Demodulator = 'datasheet' | 'ideal';

/**
 * Implementation loss at `sf`, dB: the SNR at the datasheet sensitivity minus the SNR at which the
 * ideal detector passes the same test.
 */
export function implementationLossDb(sensitivityDbm: number, noiseFigureDb: number, sf: number, test: SensitivityTest): number {
  const snrAtSensitivity = sensitivityDbm - noiseFloorDbm(125_000, noiseFigureDb);
  const nSym = frameSymbols(sf, 125_000, test.payloadBytes, test.crc, test.codingRate);
  return snrAtSensitivity - snrForFrameErrorRate(test.per, sf, nSym);
}

/** One receiver's noise model: its noise figure and, per SF (index = SF, 7..12), its implementation loss. */
export interface ReceiverNoise {
  noiseFigureDb: number;
  /** implementation loss per spreading factor, dB (indices 0..6 unused) */
  lossDb: Float64Array;
}

/** Noise model of a device radio. */
export function deviceReceiverNoise(chip: RadioChip, demodulator: Demodulator): ReceiverNoise {
  const nf = NOISE_FIGURE_DB[chip];
  const lossDb = new Float64Array(13);
  if (demodulator === 'datasheet') {
    for (let sf = 7; sf <= 12; sf++) lossDb[sf] = implementationLossDb(deviceSensitivityDbm(chip, sf, 125_000), nf, sf, DEVICE_SENSITIVITY_TEST);
  }
  return { noiseFigureDb: nf, lossDb };
}

/** Noise model of a gateway (SX1301/SX1302 concentrator). */
export function gatewayReceiverNoise(demodulator: Demodulator): ReceiverNoise {
  const nf = NOISE_FIGURE_DB.gateway;
  const lossDb = new Float64Array(13);
  if (demodulator === 'datasheet') {
    for (let sf = 7; sf <= 12; sf++) lossDb[sf] = implementationLossDb(gatewaySensitivityDbm(sf, 125_000), nf, sf, GATEWAY_SENSITIVITY_TEST);
  }
  return { noiseFigureDb: nf, lossDb };
}
