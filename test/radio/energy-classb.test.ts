import { describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/shared.js';
import type { RadioProfile } from '../../src/scenario/types.js';
import { DEFAULT_RADIO_PROFILES } from '../../src/radio/energy.js';
import { beaconReceptionEnergyJ, classBAverageCurrentA, pingSlotEmptyEnergyJ, rxWindowEnergyJ } from '../../src/radio/energy-classb.js';

interface EnergyFixture {
  pingSlotEmptyMjSx1262: Array<[number, number]>;
  pingSlotEmptyMjNs3Sf9: number;
  beaconMjSx1262: number;
  beaconAirtimeUs: number;
  beaconMarginUs: number;
  classBAverageUa: Array<[number, number]>;
}
const fx = readFixture<EnergyFixture>('radio-energy.json');
/** The reference's worked numbers (lorawan-facts 5.3) leave out the radio wake-up. */
const sx1262NoWake: RadioProfile = { ...DEFAULT_RADIO_PROFILES.sx1262, wakeupMs: 0 };
const within = (got: number, want: number, rel: number) => expect(Math.abs(got - want) / want).toBeLessThan(rel);

describe('class B energy (reference worked numbers, within 0.5 %)', () => {
  it('charges an empty ping slot 0.373 / 0.560 / 2.985 mJ at SF7 / SF9 / SF12 on sx1262', () => {
    for (const [sf, mj] of fx.pingSlotEmptyMjSx1262) within(pingSlotEmptyEnergyJ(sx1262NoWake, sf, 125000) * 1000, mj, 0.005);
  });

  it('charges an empty SF9 ping slot 1.363 mJ with the ns-3 RX current', () => {
    within(pingSlotEmptyEnergyJ({ ...sx1262NoWake, rxA: 11.2e-3 }, 9, 125000) * 1000, fx.pingSlotEmptyMjNs3Sf9, 0.005);
  });

  it('charges a beacon reception 2.81 mJ (152.576 ms airtime + 32.768 ms margin at 4.6 mA)', () => {
    within(beaconReceptionEnergyJ(sx1262NoWake, fx.beaconAirtimeUs, fx.beaconMarginUs) * 1000, fx.beaconMjSx1262, 0.005);
  });

  it('averages 8.58 / 28.45 / 176.81 µA for pingNb 1 / 16 / 128', () => {
    for (const [pingNb, ua] of fx.classBAverageUa) {
      const a = classBAverageCurrentA({
        profile: sx1262NoWake, pingNb, pingSf: 9, pingBwHz: 125000,
        beaconAirtimeUs: fx.beaconAirtimeUs, beaconMarginUs: fx.beaconMarginUs,
      });
      within(a * 1e6, ua, 0.005);
    }
  });
});

describe('wake-up time', () => {
  it('adds RX current × wake-up to every window', () => {
    const p = DEFAULT_RADIO_PROFILES.sx1262;
    expect(rxWindowEnergyJ(p, 0)).toBeCloseTo(3.3 * 4.6e-3 * 3e-3, 15);
    expect(pingSlotEmptyEnergyJ(p, 9, 125000) - pingSlotEmptyEnergyJ(sx1262NoWake, 9, 125000)).toBeCloseTo(3.3 * 4.6e-3 * 3e-3, 15);
  });

  it('raises the class B average by (1 + pingNb) wake-ups of RX current minus sleep, per beacon period', () => {
    const base = { pingNb: 16, pingSf: 9, pingBwHz: 125000, beaconAirtimeUs: 152576, beaconMarginUs: 32768 };
    const p = DEFAULT_RADIO_PROFILES.sx1262;
    const diff = classBAverageCurrentA({ ...base, profile: p }) - classBAverageCurrentA({ ...base, profile: sx1262NoWake });
    expect(diff).toBeCloseTo((17 * 3000 * (p.rxA - p.sleepA)) / 128e6, 15);
  });

  it('honours a different beacon period', () => {
    const args = { profile: sx1262NoWake, pingNb: 1, pingSf: 9, pingBwHz: 125000, beaconAirtimeUs: 0, beaconMarginUs: 0 };
    const rxUs = 36864;
    expect(classBAverageCurrentA({ ...args, beaconPeriodUs: 1e6 })).toBeCloseTo((4.6e-3 * rxUs + 0.6e-6 * (1e6 - rxUs)) / 1e6, 15);
  });
});
