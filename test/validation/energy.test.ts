/**
 * Validation case 5: energy arithmetic against the reference sheet (lorawan-facts 5.1, 5.3)
 * (scenarios/validation/energy-classc.json, energy-classb.json). docs/validation.md, case 5.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RADIO_PROFILES, classBAverageCurrentA } from '../../src/radio/energy.js';
import { measureEnergyClassB, measureEnergyClassC } from '../../bench/validation/measure-campaign.js';

/** lorawan-facts 5.3: average radio current of a class B device (sx1262, SF9 empty slots, EU868 beacon), A. */
const REFERENCE_CLASS_B_A: Record<number, number> = { 1: 8.58e-6, 16: 28.45e-6, 128: 176.81e-6 };

// Tolerance: 1 %, as the issue sets it. The arithmetic is exact, so the run should agree to
// rounding; 1 % leaves room only for a second of clock error in a 4096 s session (0.02 %) and the
// reference's rounding to 3–4 significant digits (0.06 %), not for a missing state or window.
const within1Percent = (value: number, expected: number) => Math.abs(value / expected - 1) <= 0.01;

describe('class C: a device listening T seconds with no traffic', () => {
  const c = measureEnergyClassC();

  it('uses the sx1262 profile: 4.6 mA RX, 3.3 V', () => {
    expect([c.rxA, c.supplyV]).toEqual([DEFAULT_RADIO_PROFILES.sx1262.rxA, 3.3]);
    expect(c.rxA).toBe(0.0046);
  });

  it('spends I_RX · V · T (62.18 J for 4096 s) plus sleep for the rest of the campaign, within 1 %', () => {
    const expected = c.rxA * c.supplyV * c.listenS + c.sleepA * c.supplyV * (c.campaignS - c.listenS);
    expect(expected).toBeCloseTo(62.177, 3);
    for (const e of c.energyJ) expect(within1Percent(e, expected)).toBe(true);
  });
});

describe('class B: a device with pingNb empty ping slots per beacon period (sx1262, wake-up 0)', () => {
  const rows = measureEnergyClassB();

  it('runs 32 whole beacon periods, each with its beacon, for pingNb 1, 16 and 128', () => {
    expect(rows.map((r) => r.pingNb)).toEqual([1, 16, 128]);
    for (const r of rows) {
      expect(r.campaignS).toBe(32 * 128);
      expect(r.beaconsSent).toBe(32);
    }
  });

  it('averages the reference sheet\'s current (8.58 / 28.45 / 176.81 µA) within 1 %', () => {
    for (const r of rows) for (const a of r.averageCurrentA) expect(within1Percent(a, REFERENCE_CLASS_B_A[r.pingNb])).toBe(true);
  });

  it('agrees with the radio model\'s own closed form classBAverageCurrentA within 0.01 %', () => {
    const profile = { ...DEFAULT_RADIO_PROFILES.sx1262, wakeupMs: 0 };
    for (const r of rows) {
      const closed = classBAverageCurrentA({ profile, pingNb: r.pingNb, pingSf: 9, pingBwHz: 125_000, beaconAirtimeUs: 152_576, beaconMarginUs: 32_768 });
      for (const a of r.averageCurrentA) expect(Math.abs(a / closed - 1)).toBeLessThan(1e-4);
    }
  });
});
