/**
 * Costing of receive windows and class B listening (lorawan-facts.md 5.3): each window burns RX
 * current for the radio wake-up plus the time the radio listens; the rest of a beacon period is sleep.
 * The reference's worked figures (0.560 mJ per empty SF9 ping slot; 8.58 / 28.45 / 176.81 µA for
 * pingNb = 1 / 16 / 128) take the wake-up as 0; pass a profile with `wakeupMs: 0` to reproduce them.
 */
import type { RadioProfile } from './energy.js';
import { DEFAULT_MAX_RX_ERROR_US, emptyRxWindowUs } from '../lorawan/classa.js';

/** Class B beacon period, µs (LoRaWAN 1.0.4 class B: 128 s) [V LMN `LoRaMacClassBConfig.h`]. */
export const BEACON_PERIOD_US = 128_000_000;

/** Energy of one receive window that listens `listenUs` after the radio wake-up, J. */
export function rxWindowEnergyJ(profile: RadioProfile, listenUs: number): number {
  return profile.supplyV * profile.rxA * (profile.wakeupMs * 1000 + listenUs) * 1e-6;
}

/**
 * Energy of a ping slot (or class A window) in which nothing is sent, J: wake-up plus the
 * LoRaMac-node empty-window time (lorawan-facts 3.4, `emptyRxWindowUs` of the class A module).
 */
export function pingSlotEmptyEnergyJ(profile: RadioProfile, sf: number, bwHz: number, maxRxErrorUs: number = DEFAULT_MAX_RX_ERROR_US): number {
  return rxWindowEnergyJ(profile, emptyRxWindowUs(sf, bwHz, { maxRxErrorUs }));
}

/** Energy of one beacon reception: RX for the beacon's airtime plus the preamble-search margin, J. */
export function beaconReceptionEnergyJ(profile: RadioProfile, beaconAirtimeUs: number, marginUs: number): number {
  return rxWindowEnergyJ(profile, beaconAirtimeUs + marginUs);
}

export interface ClassBCurrentInput {
  profile: RadioProfile;
  /** ping slots opened per beacon period (1..128) */
  pingNb: number;
  /** spreading factor and bandwidth of the (empty) ping slots */
  pingSf: number;
  pingBwHz: number;
  /** beacon time on air, µs (EU868: 152 576) */
  beaconAirtimeUs: number;
  /** extra listening before the beacon preamble, µs (reference: 8 symbols at SF9 = 32 768) */
  beaconMarginUs: number;
  /** default {@link BEACON_PERIOD_US} */
  beaconPeriodUs?: number;
  /** RX error budget of the ping-slot windows, µs (default LMN 10 ms) */
  maxRxErrorUs?: number;
}

/**
 * Average radio current of a class B device whose ping slots are all empty, A: one beacon reception
 * and `pingNb` empty ping slots per beacon period at RX current, sleep current for the rest.
 */
export function classBAverageCurrentA(input: ClassBCurrentInput): number {
  const { profile, pingNb } = input;
  const periodUs = input.beaconPeriodUs ?? BEACON_PERIOD_US;
  const wakeUs = profile.wakeupMs * 1000;
  const slotUs = wakeUs + emptyRxWindowUs(input.pingSf, input.pingBwHz, { maxRxErrorUs: input.maxRxErrorUs ?? DEFAULT_MAX_RX_ERROR_US });
  const rxUs = wakeUs + input.beaconAirtimeUs + input.beaconMarginUs + pingNb * slotUs;
  const sleepUs = periodUs - rxUs > 0 ? periodUs - rxUs : 0;
  return (profile.rxA * rxUs + profile.sleepA * sleepUs) / periodUs;
}
