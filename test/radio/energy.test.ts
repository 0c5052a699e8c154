import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/shared.js';
import type { RadioProfile } from '../../src/scenario/types.js';
import { DEFAULT_PROFILE_TX_POWER_DBM, DEFAULT_RADIO_PROFILES, EnergyLedger, TX_POWER_RANGE_DBM, txCurrentA, txPowerInRange } from '../../src/radio/energy.js';

const fx = readFixture<{ classCJPerHour: { sx1262: number; ns3: number }; sleepMjPerHour06uA: number }>('radio-energy.json');
const HOUR_US = 3_600_000_000;
const ns3: RadioProfile = { supplyV: 3.3, sleepA: 1.5e-6, standbyA: 1.4e-3, rxA: 11.2e-3, txA: 28e-3, wakeupMs: 0 };

describe('default radio profiles', () => {
  it('hold the reference values for sx1262 and sx1276', () => {
    expect(DEFAULT_RADIO_PROFILES.sx1262).toEqual({ supplyV: 3.3, sleepA: 0.6e-6, standbyA: 1.6e-3, rxA: 4.6e-3, txA: 89.3e-3, wakeupMs: 3 });
    expect(DEFAULT_RADIO_PROFILES.sx1276).toEqual({ supplyV: 3.3, sleepA: 0.2e-6, standbyA: 1.4e-3, rxA: 11.5e-3, txA: 44e-3, wakeupMs: 1 });
  });

  it('use the TX current of the table at the default +14 dBm', () => {
    for (const chip of ['sx1262', 'sx1276'] as const) {
      expect(DEFAULT_RADIO_PROFILES[chip].txA).toBeCloseTo(txCurrentA(chip, DEFAULT_PROFILE_TX_POWER_DBM), 12);
    }
  });

  it('are frozen', () => {
    expect(Object.isFrozen(DEFAULT_RADIO_PROFILES.sx1262)).toBe(true);
  });
});

describe('txCurrentA', () => {
  it('reads the LBM SX1262 HP table and the LoRaSim SX1276 table at integer dBm', () => {
    expect(txCurrentA('sx1262', 0)).toBeCloseTo(40.6e-3, 12);
    expect(txCurrentA('sx1262', 10)).toBeCloseTo(70.5e-3, 12);
    expect(txCurrentA('sx1262', 20)).toBeCloseTo(103.8e-3, 12);
    expect(txCurrentA('sx1262', 22)).toBeCloseTo(117.9e-3, 12);
    expect(txCurrentA('sx1262', -9)).toBeCloseTo(24e-3, 12);
    expect(txCurrentA('sx1276', 17)).toBeCloseTo(90e-3, 12);
    expect(txCurrentA('sx1276', 20)).toBeCloseTo(125e-3, 12);
    expect(txCurrentA('sx1276', -2)).toBeCloseTo(22e-3, 12);
  });

  it('interpolates linearly between 1 dB points', () => {
    expect(txCurrentA('sx1262', 13.5)).toBeCloseTo((83.5e-3 + 89.3e-3) / 2, 12);
    expect(txCurrentA('sx1276', 14.25)).toBeCloseTo(44e-3 + 0.25 * 38e-3, 12);
    expect(txCurrentA('sx1262', 21.9)).toBeCloseTo(109.1e-3 + 0.9 * 8.8e-3, 12);
  });

  it('covers exactly the tables: sx1262 -9..22 dBm, sx1276 -2..20 dBm, and refuses other powers', () => {
    expect(TX_POWER_RANGE_DBM).toEqual({ sx1262: [-9, 22], sx1276: [-2, 20] });
    for (const [chip, p] of [['sx1262', 22.01], ['sx1262', -9.5], ['sx1276', 20.5], ['sx1276', -3]] as const) {
      expect(txPowerInRange(chip, p)).toBe(false);
      expect(() => txCurrentA(chip, p)).toThrow(RangeError);
    }
    expect(txPowerInRange('sx1276', 20)).toBe(true);
  });

  it('never decreases with power', () => {
    fc.assert(fc.property(fc.constantFrom('sx1262', 'sx1276' as const), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (chip, a, b) => {
      const [lo, hi] = TX_POWER_RANGE_DBM[chip];
      const p = lo + Math.min(a, b) * (hi - lo);
      const q = lo + Math.max(a, b) * (hi - lo);
      expect(txCurrentA(chip, q)).toBeGreaterThanOrEqual(txCurrentA(chip, p) - 1e-15);
    }));
  });
});

describe('EnergyLedger', () => {
  it('charges an hour of class C listening at 54.65 J on sx1262 and 133.06 J with the ns-3 current', () => {
    const ledger = new EnergyLedger(2);
    ledger.addRx(1, HOUR_US);
    expect(ledger.energyJ(1, DEFAULT_RADIO_PROFILES.sx1262, HOUR_US)).toBeCloseTo(fx.classCJPerHour.sx1262, 2);
    expect(ledger.energyJ(1, ns3, HOUR_US)).toBeCloseTo(fx.classCJPerHour.ns3, 2);
    expect(ledger.energyJ(0, DEFAULT_RADIO_PROFILES.sx1262, HOUR_US) * 1000).toBeCloseTo(fx.sleepMjPerHour06uA, 2);
  });

  it('keeps devices apart and accumulates each state', () => {
    const ledger = new EnergyLedger(3);
    ledger.addRx(0, 1000);
    ledger.addRx(0, 500);
    ledger.addTx(2, 250);
    ledger.addStandby(2, 40);
    expect(Array.from(ledger.rxUs)).toEqual([1500, 0, 0]);
    expect(Array.from(ledger.txUs)).toEqual([0, 0, 250]);
    expect(Array.from(ledger.standbyUs)).toEqual([0, 0, 40]);
    expect(ledger.sleepUs(2, 1000)).toBe(710);
    expect(ledger.sleepUs(0, 1000)).toBe(0);
  });

  it('computes V × Σ I·t with sleep as the remainder', () => {
    const p: RadioProfile = { supplyV: 3, sleepA: 1e-6, standbyA: 1e-3, rxA: 10e-3, txA: 100e-3, wakeupMs: 0 };
    const ledger = new EnergyLedger(1);
    ledger.addRx(0, 2e6);
    ledger.addTx(0, 1e6);
    ledger.addStandby(0, 3e6);
    const s = ledger.split(0, p, 10e6);
    expect(s.rxJ).toBeCloseTo(3 * 10e-3 * 2, 12);
    expect(s.txJ).toBeCloseTo(3 * 100e-3 * 1, 12);
    expect(s.standbyJ).toBeCloseTo(3 * 1e-3 * 3, 12);
    expect(s.sleepJ).toBeCloseTo(3 * 1e-6 * 4, 12);
    expect(s.totalJ).toBeCloseTo(0.06 + 0.3 + 0.009 + 0.000012, 12);
  });

  it('splits into parts that always sum to the total', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1e7 })), { maxLength: 30 }), fc.integer({ min: 0, max: 1e9 }), (ops, total) => {
      const ledger = new EnergyLedger(1);
      for (const [kind, us] of ops) [ledger.addRx, ledger.addTx, ledger.addStandby][kind].call(ledger, 0, us);
      const p = DEFAULT_RADIO_PROFILES.sx1276;
      const s = ledger.split(0, p, total);
      expect(s.sleepJ).toBeGreaterThanOrEqual(0);
      expect(ledger.energyJ(0, p, total)).toBeCloseTo(s.rxJ + s.txJ + s.standbyJ + s.sleepJ, 9);
    }));
  });
});
