import { describe, expect, it } from 'vitest';
import { describeShared, readFixture } from '../helpers/shared.js';
import {
  deviceSensitivityDbm,
  gatewaySensitivityDbm,
  noiseFloorDbm,
  requiredSnrDb,
  snrDb,
  SX1262_ASSUMED_NF_DB,
} from '../../src/radio/sensitivity.js';
import { firstTable, numbersIn, referenceSheet, section } from './reference-tables.js';

interface SensitivityFixture {
  sx1276: Record<'125000' | '250000' | '500000', number[]>;
  sx1301Bw125: number[];
  requiredSnrDb: number[];
  sx1262Bw125Approx: [number, number];
}
const fx = readFixture<SensitivityFixture>('radio-sensitivity.json');
const SFS = [7, 8, 9, 10, 11, 12];
const BWS = [125000, 250000, 500000] as const;

describe('sensitivity tables', () => {
  it('give the SX1276 datasheet values for every SF and bandwidth', () => {
    for (const bw of BWS) for (const [i, sf] of SFS.entries()) {
      expect(deviceSensitivityDbm('sx1276', sf, bw)).toBe(fx.sx1276[String(bw) as '125000'][i]);
    }
  });

  it('give the ns-3 SX1301 gateway values at 125 kHz and add the noise-bandwidth penalty at 250/500 kHz', () => {
    for (const [i, sf] of SFS.entries()) {
      expect(gatewaySensitivityDbm(sf, 125000)).toBe(fx.sx1301Bw125[i]);
      expect(gatewaySensitivityDbm(sf, 250000)).toBeCloseTo(fx.sx1301Bw125[i] + 3.0103, 4);
      expect(gatewaySensitivityDbm(sf, 500000)).toBeCloseTo(fx.sx1301Bw125[i] + 6.0206, 4);
    }
  });

  it('give the required SNR from −7.5 dB at SF7 down to −20 dB at SF12', () => {
    expect(SFS.map(requiredSnrDb)).toEqual(fx.requiredSnrDb);
  });

  it('estimate SX1262 as noise floor (NF 6 dB) plus the SNR floor: −124.5 dBm at SF7, −137 dBm at SF12', () => {
    expect(SX1262_ASSUMED_NF_DB).toBe(6);
    expect(deviceSensitivityDbm('sx1262', 7, 125000)).toBeCloseTo(fx.sx1262Bw125Approx[0], 1);
    expect(deviceSensitivityDbm('sx1262', 12, 125000)).toBeCloseTo(fx.sx1262Bw125Approx[1], 1);
    expect(deviceSensitivityDbm('sx1262', 9, 500000) - deviceSensitivityDbm('sx1262', 9, 125000)).toBeCloseTo(6.0206, 4);
  });

  it('improve by at least 2 dB per SF step at 125 kHz on every receiver', () => {
    for (let sf = 7; sf < 12; sf++) {
      expect(gatewaySensitivityDbm(sf + 1, 125000)).toBeLessThanOrEqual(gatewaySensitivityDbm(sf, 125000) - 2);
      expect(deviceSensitivityDbm('sx1262', sf + 1, 125000)).toBeLessThanOrEqual(deviceSensitivityDbm('sx1262', sf, 125000) - 2);
      expect(deviceSensitivityDbm('sx1276', sf + 1, 125000)).toBeLessThan(deviceSensitivityDbm('sx1276', sf, 125000));
    }
  });

  it('reject spreading factors outside 7..12 and unknown bandwidths', () => {
    expect(() => deviceSensitivityDbm('sx1276', 6, 125000)).toThrow(RangeError);
    expect(() => gatewaySensitivityDbm(13, 125000)).toThrow(RangeError);
    expect(() => deviceSensitivityDbm('sx1262', 9, 200000)).toThrow(RangeError);
    expect(() => requiredSnrDb(9.5)).toThrow(RangeError);
  });
});

describe('noise floor and SNR', () => {
  it('put the thermal noise floor at −123.03 dBm over 125 kHz with NF 0 (LES)', () => {
    expect(noiseFloorDbm(125000, 0)).toBeCloseTo(-123.031, 3);
    expect(noiseFloorDbm(500000, 6)).toBeCloseTo(-174 + 56.9897 + 6, 4);
  });

  it('measure SNR against that floor', () => {
    expect(snrDb(-120, 125000, 6)).toBeCloseTo(-120 - (-117.031), 3);
    expect(snrDb(noiseFloorDbm(250000, 4), 250000, 4)).toBeCloseTo(0, 12);
  });
});

describeShared('sensitivity tables against the reference sheet (6.2)', () => {
  const text = () => section(referenceSheet(), '### 6.2');
  it('match the fixture row by row', () => {
    const rows = firstTable(text()).map((r) => r.map((c) => numbersIn(c)[0]));
    expect(rows.map((r) => r[0])).toEqual(SFS);
    expect(rows.map((r) => r[1])).toEqual(fx.sx1276['125000']);
    expect(rows.map((r) => r[3])).toEqual(fx.sx1301Bw125);
    expect(rows.map((r) => r[4])).toEqual(fx.requiredSnrDb);
  });

  it('match the SX1276 250 and 500 kHz lines', () => {
    const line = (bw: string) => text().split('\n').find((l) => l.includes('SX1276 at BW250'))!.split('. At ')[bw === '250' ? 0 : 1];
    expect(numbersIn(line('250')).slice(2, 8)).toEqual(fx.sx1276['250000']);
    expect(numbersIn(line('500')).slice(1, 7)).toEqual(fx.sx1276['500000']);
  });
});
