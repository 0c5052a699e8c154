/**
 * Radio energy: default current profiles, TX current by output power, and a per-device ledger of time
 * in RX, TX and standby (sleep is the remainder). Energy = V × Σ I_state × t_state (lorawan-facts 5.3).
 * Sources and confidence tags: lorawan-facts.md 5.1 (see docs/models/energy.md).
 */
import type { RadioChip, RadioProfile } from '../scenario/types.js';

export { classBAverageCurrentA, pingSlotEmptyEnergyJ, beaconReceptionEnergyJ, rxWindowEnergyJ } from './energy-classb.js';
export type { ClassBCurrentInput } from './energy-classb.js';

/** Output power of the default profiles' `txA`, dBm (EU868 device maximum). */
export const DEFAULT_PROFILE_TX_POWER_DBM = 14;

export const DEFAULT_RADIO_PROFILES: Readonly<Record<RadioChip, Readonly<RadioProfile>>> = Object.freeze({
  sx1262: Object.freeze({
    supplyV: 3.3, // NS3 / FLoRa energy source [V]
    sleepA: 0.6e-6, // warm-start sleep, configuration retained [V Mbed SX126X; D DS summary]
    standbyA: 1.6e-3, // STDBY_RC, third-party DS summary [D]; 0.6 mA also quoted [U] (facts 9.3)
    rxA: 4.6e-3, // LoRa BW125 RX, DC-DC [V LBM `SX126X_LORA_RX_*`]
    txA: 89.3e-3, // HP PA at +14 dBm, DC-DC [V LBM table]
    wakeupMs: 3, // LMN RADIO_WAKEUP_TIME for SX126x [V]
  }),
  sx1276: Object.freeze({
    supplyV: 3.3,
    sleepA: 0.2e-6, // datasheet front page "200 nA" [D]
    standbyA: 1.4e-3, // ns-3 StandbyCurrentA [V]; datasheet XOSC standby 1.6 mA [U]
    rxA: 11.5e-3, // LnaBoost on, band 1 [U]; ns-3 uses 11.2 mA [V]
    txA: 44e-3, // PA_BOOST at +14 dBm, LoRaSim table [V]; FLoRa 45 mA [V]
    wakeupMs: 1, // LMN RADIO_WAKEUP_TIME for SX1276 [V]
  }),
});

/** SX1262 HP PA TX current, µA, DC-DC, −9..+22 dBm in 1 dB steps [V LBM `ral_sx126x.c`]. */
const SX1262_TX_UA: readonly number[] = [
  24000, 25400, 26700, 28000, 30600, 31900, 33200, 35700, 38200, 40600, 42900, 46200, 48200, 51800, 54100, 57000,
  60300, 63500, 67100, 70500, 74200, 78400, 83500, 89300, 92400, 94500, 95400, 97500, 100100, 103800, 109100, 117900,
];
const SX1262_TX_MIN_DBM = -9;

/** SX1276 TX current, mA, −2..+20 dBm in 1 dB steps (LoRaSim table, PA_BOOST above +14) [V LSIM]. */
const SX1276_TX_MA: readonly number[] = [
  22, 22, 22, 23, 24, 24, 24, 25, 25, 25, 25, 26, 31, 32, 34, 35, 44, 82, 85, 90, 105, 115, 125,
];
const SX1276_TX_MIN_DBM = -2;

function interpolate(table: readonly number[], minDbm: number, dbm: number): number {
  const x = dbm - minDbm;
  if (x <= 0) return table[0];
  const last = table.length - 1;
  if (x >= last) return table[last];
  const i = Math.floor(x);
  return table[i] + (table[i + 1] - table[i]) * (x - i);
}

/**
 * TX current at `txPowerDbm`, A. Linear interpolation between the 1 dB table points; powers outside
 * a table are clamped to its end (SX1262 −9..+22 dBm, SX1276 −2..+20 dBm).
 */
export function txCurrentA(chip: RadioChip, txPowerDbm: number): number {
  if (chip === 'sx1262') return interpolate(SX1262_TX_UA, SX1262_TX_MIN_DBM, txPowerDbm) * 1e-6;
  return interpolate(SX1276_TX_MA, SX1276_TX_MIN_DBM, txPowerDbm) * 1e-3;
}

export interface EnergySplit {
  rxJ: number;
  txJ: number;
  standbyJ: number;
  sleepJ: number;
  totalJ: number;
}

/**
 * Per-device time in RX, TX and standby, µs (struct of arrays, allocated once). Sleep is whatever
 * remains of the run's duration; if the charged states exceed it, sleep is 0 (never negative).
 */
export class EnergyLedger {
  readonly count: number;
  readonly rxUs: Float64Array;
  readonly txUs: Float64Array;
  readonly standbyUs: Float64Array;

  constructor(count: number) {
    this.count = count;
    this.rxUs = new Float64Array(count);
    this.txUs = new Float64Array(count);
    this.standbyUs = new Float64Array(count);
  }

  addRx(i: number, us: number): void {
    this.rxUs[i] += us;
  }

  addTx(i: number, us: number): void {
    this.txUs[i] += us;
  }

  addStandby(i: number, us: number): void {
    this.standbyUs[i] += us;
  }

  /** Sleep time of device i over a run of `totalUs`, µs (≥ 0). */
  sleepUs(i: number, totalUs: number): number {
    const s = totalUs - this.rxUs[i] - this.txUs[i] - this.standbyUs[i];
    return s > 0 ? s : 0;
  }

  rxJ(i: number, p: RadioProfile): number {
    return p.supplyV * p.rxA * this.rxUs[i] * 1e-6;
  }

  txJ(i: number, p: RadioProfile): number {
    return p.supplyV * p.txA * this.txUs[i] * 1e-6;
  }

  standbyJ(i: number, p: RadioProfile): number {
    return p.supplyV * p.standbyA * this.standbyUs[i] * 1e-6;
  }

  sleepJ(i: number, p: RadioProfile, totalUs: number): number {
    return p.supplyV * p.sleepA * this.sleepUs(i, totalUs) * 1e-6;
  }

  /** V × (I_rx·t_rx + I_tx·t_tx + I_stby·t_stby + I_sleep·(total − others)), J. */
  energyJ(i: number, p: RadioProfile, totalUs: number): number {
    return this.rxJ(i, p) + this.txJ(i, p) + this.standbyJ(i, p) + this.sleepJ(i, p, totalUs);
  }

  /** All parts at once, J. */
  split(i: number, p: RadioProfile, totalUs: number): EnergySplit {
    const rxJ = this.rxJ(i, p);
    const txJ = this.txJ(i, p);
    const standbyJ = this.standbyJ(i, p);
    const sleepJ = this.sleepJ(i, p, totalUs);
    return { rxJ, txJ, standbyJ, sleepJ, totalJ: rxJ + txJ + standbyJ + sleepJ };
  }
}
