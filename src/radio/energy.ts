/**
 * Radio energy: default current profiles, TX current by output power, and a per-device ledger of time
 * in RX, TX and standby (sleep is the remainder). Energy = V × Σ I_state × t_state (lorawan-facts 5.3).
 * Sources and confidence tags: lorawan-facts.md 5.1 (see docs/models/energy.md).
 */
import type { RadioChip } from './sensitivity.js';

export { classBAverageCurrentA, pingSlotEmptyEnergyJ, beaconReceptionEnergyJ, rxWindowEnergyJ } from './energy-classb.js';
export type { ClassBCurrentInput } from './energy-classb.js';

/** Currents of a device radio (scenario field devices.radioProfile, filled from the chip's defaults). */
export interface RadioProfile {
  /** supply voltage, V */
  supplyV: number;
  sleepA: number;
  standbyA: number;
  rxA: number;
  /** TX current at the device's txPowerDbm */
  txA: number;
  /** radio wake-up (plus TCXO start) before every receive window, ms */
  wakeupMs: number;
}

/**
 * Output power of the chip profiles' `txA`, dBm (EU868 device maximum). A scenario's profile takes
 * `txA` from `txCurrentA` at its own `devices.txPowerDbm` (scenario/resolve-fleet.ts).
 */
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

/**
 * SX1262 HP PA TX current, µA, DC-DC regulator, −9..+22 dBm in 1 dB steps: Semtech LoRa Basics Modem
 * `ral_sx126x.c` table (lorawan-facts 5.1) [V]. The table assumes the PA configured for +22 dBm.
 */
const SX1262_TX_UA: readonly number[] = [
  24000, 25400, 26700, 28000, 30600, 31900, 33200, 35700, 38200, 40600, 42900, 46200, 48200, 51800, 54100, 57000,
  60300, 63500, 67100, 70500, 74200, 78400, 83500, 89300, 92400, 94500, 95400, 97500, 100100, 103800, 109100, 117900,
];

/**
 * SX1276 TX current, mA, −2..+20 dBm in 1 dB steps: LoRaSim `loraDir.py` (Bor, Voigt, MSWiM 2016),
 * measured on an SX1276 at 3.0 V, PA_BOOST above +14 dBm (lorawan-facts 5.2) [V]. Semtech's datasheet
 * quotes 120 mA at +20 dBm and 87 mA at +17 dBm on PA_BOOST [U]; module measurements 125–126 mA and
 * 92–96 mA (docs/models/energy.md).
 */
const SX1276_TX_MA: readonly number[] = [
  22, 22, 22, 23, 24, 24, 24, 25, 25, 25, 25, 26, 31, 32, 34, 35, 44, 82, 85, 90, 105, 115, 125,
];

interface TxTable {
  /** current at minDbm, minDbm + 1, ... , A */
  currentA: readonly number[];
  minDbm: number;
}

const TX_TABLES: Readonly<Record<RadioChip, TxTable>> = {
  sx1262: { currentA: SX1262_TX_UA.map((ua) => ua / 1e6), minDbm: -9 },
  sx1276: { currentA: SX1276_TX_MA.map((ma) => ma / 1e3), minDbm: -2 },
};

/** Transmit powers each chip's current table covers, dBm [min, max]: the powers a scenario may set. */
export const TX_POWER_RANGE_DBM: Readonly<Record<RadioChip, readonly [number, number]>> = {
  sx1262: [TX_TABLES.sx1262.minDbm, TX_TABLES.sx1262.minDbm + SX1262_TX_UA.length - 1],
  sx1276: [TX_TABLES.sx1276.minDbm, TX_TABLES.sx1276.minDbm + SX1276_TX_MA.length - 1],
};

/** Whether `txPowerDbm` lies within the chip's table (and so has a sourced current). */
export function txPowerInRange(chip: RadioChip, txPowerDbm: number): boolean {
  const [lo, hi] = TX_POWER_RANGE_DBM[chip];
  return txPowerDbm >= lo && txPowerDbm <= hi;
}

/**
 * TX current at `txPowerDbm`, A: the table value at whole dBm, linear interpolation in dBm between
 * the two neighbouring 1 dB points otherwise. A power outside the table is an error (the scenario
 * loader refuses it with the field named, `TX_POWER_RANGE_DBM`).
 */
export function txCurrentA(chip: RadioChip, txPowerDbm: number): number {
  if (!txPowerInRange(chip, txPowerDbm)) {
    const [lo, hi] = TX_POWER_RANGE_DBM[chip];
    throw new RangeError(`${chip}: ${txPowerDbm} dBm is outside ${lo}..${hi} dBm`);
  }
  const t = TX_TABLES[chip];
  const x = txPowerDbm - t.minDbm;
  const i = Math.min(Math.floor(x), t.currentA.length - 2);
  return t.currentA[i] + (t.currentA[i + 1] - t.currentA[i]) * (x - i);
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
 * remains of the device's energy horizon; if the charged states exceed it, sleep is 0 (never
 * negative). `txInListenUs` is TX time that fell inside a period of continuous listening (class C,
 * a class B beacon scan): the listening charge leaves it out, since a transmitting radio does not
 * receive (sim/listening.ts).
 */
export class EnergyLedger {
  readonly count: number;
  readonly rxUs: Float64Array;
  readonly txUs: Float64Array;
  readonly standbyUs: Float64Array;
  readonly txInListenUs: Float64Array;

  constructor(count: number) {
    this.count = count;
    this.rxUs = new Float64Array(count);
    this.txUs = new Float64Array(count);
    this.standbyUs = new Float64Array(count);
    this.txInListenUs = new Float64Array(count);
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

  /** Sleep time of device i over a horizon of `totalUs`, µs (≥ 0). */
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
