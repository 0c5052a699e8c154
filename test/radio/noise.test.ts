import { describe, expect, it } from 'vitest';
import { DEVICE_SENSITIVITY_TEST, deviceReceiverNoise, GATEWAY_SENSITIVITY_TEST, gatewayReceiverNoise, NOISE_FIGURE_DB } from '../../src/radio/noise.js';
import { frameErrorRate, frameSymbols } from '../../src/radio/per.js';
import { deviceSensitivityDbm, gatewaySensitivityDbm, noiseFloorDbm, requiredSnrDb } from '../../src/radio/sensitivity.js';

const SFS = [7, 8, 9, 10, 11, 12];

describe('receiver noise', () => {
  it('SX1276: NF 7 dB plus the demodulator SNR gives back the datasheet sensitivity within 1 dB (the datasheet rounds to 1 dB)', () => {
    for (const sf of SFS) {
      const predicted = noiseFloorDbm(125_000, NOISE_FIGURE_DB.sx1276) + requiredSnrDb(sf);
      expect(Math.abs(predicted - deviceSensitivityDbm('sx1276', sf, 125_000)), `SF${sf}`).toBeLessThanOrEqual(1);
    }
  });

  it('calibrated models pass each datasheet sensitivity test exactly', () => {
    const cases = [
      { noise: deviceReceiverNoise('sx1276', 'datasheet'), sens: (sf: number) => deviceSensitivityDbm('sx1276', sf, 125_000), test: DEVICE_SENSITIVITY_TEST },
      { noise: deviceReceiverNoise('sx1262', 'datasheet'), sens: (sf: number) => deviceSensitivityDbm('sx1262', sf, 125_000), test: DEVICE_SENSITIVITY_TEST },
      { noise: gatewayReceiverNoise('datasheet'), sens: (sf: number) => gatewaySensitivityDbm(sf, 125_000), test: GATEWAY_SENSITIVITY_TEST },
    ];
    for (const { noise, sens, test } of cases) for (const sf of SFS) {
      const snr = sens(sf) - noiseFloorDbm(125_000, noise.noiseFigureDb);
      const n = frameSymbols(sf, 125_000, test.payloadBytes, test.crc, test.codingRate);
      expect(frameErrorRate(snr, sf, n, noise.lossDb[sf])).toBeCloseTo(test.per, 6);
      // a real chip is never much better than the ideal detector, nor more than 2 dB worse
      expect(noise.lossDb[sf]).toBeGreaterThan(-0.1);
      expect(noise.lossDb[sf]).toBeLessThan(2);
    }
  });

  it('the ideal demodulator has no implementation loss', () => {
    expect(Array.from(gatewayReceiverNoise('ideal').lossDb)).toEqual(new Array(13).fill(0));
    expect(deviceReceiverNoise('sx1262', 'ideal').noiseFigureDb).toBe(6);
  });
});
