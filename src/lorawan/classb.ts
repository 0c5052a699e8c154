/**
 * Class B timing: beacons and ping slots (lorawan-facts.md 3.1 and 3.2; LoRaMac-node
 * `LoRaMacClassBConfig.h` and `ComputePingOffset`, ChirpStack `classb.rs`).
 *
 * Times are GPS time: beacon times in whole GPS seconds, slot times in GPS µs. Beacons start at GPS
 * multiples of 128 s. Slot n of a beacon period opens at
 *   beaconStart + 2.120 s + 30 ms · (pingOffset + n · pingPeriod),   n = 0 .. pingNb − 1,
 * with pingOffset = (Rand[0] + 256·Rand[1]) mod pingPeriod and
 *   Rand = AES-128-ECB(key = 0^16, beaconTime mod 2^32 (LE) | address (LE) | 0^8).
 */
import { createCipheriv } from 'node:crypto';

// 3.1 timing constants
export const BEACON_PERIOD_S = 128;
export const BEACON_PERIOD_US = 128_000_000;
export const BEACON_RESERVED_US = 2_120_000;
export const BEACON_GUARD_US = 3_000_000;
export const BEACON_WINDOW_US = 122_880_000;
export const BEACON_WINDOW_SLOTS = 4096;
export const PING_SLOT_US = 30_000;
/** a device keeps class B this long after the last beacon it received (120 min) */
export const BEACON_LESS_PERIOD_US = 7_200_000_000;
/** alias of BEACON_LESS_PERIOD_US */
export const BEACONLESS_MAX_US = BEACON_LESS_PERIOD_US;
/** beacon and ping-slot symbol timeout: 8 symbols, doubled per missed beacon up to 255 (beacon) / 30 (ping) */
export const BEACON_SYMBOL_TIMEOUT_DEFAULT = 8;
export const BEACON_SYMBOL_TIMEOUT_MAX = 255;
export const PING_SLOT_SYMBOL_TIMEOUT_MAX = 30;
/** window advance on a missed beacon: starts at 2 ms and doubles up to 256 ms */
export const BEACON_WINDOW_MOVEMENT_MIN_US = 2_000;
export const BEACON_WINDOW_MOVEMENT_MAX_US = 256_000;

const ZERO_KEY = Buffer.alloc(16);

/** Throws unless pingPeriod is a power of two 32..4096 (pingNb = 4096 / pingPeriod). */
function checkPingPeriod(pingPeriod: number): void {
  if (!Number.isInteger(pingPeriod) || pingPeriod < 32 || pingPeriod > 4096 || (pingPeriod & (pingPeriod - 1)) !== 0) {
    throw new RangeError(`pingPeriod must be a power of two between 32 and 4096, got ${pingPeriod}`);
  }
}

/** Slots per beacon period for a ping period (in 30 ms slots): 4096 / pingPeriod, 128 .. 1. */
export function pingNbFromPeriod(pingPeriod: number): number {
  checkPingPeriod(pingPeriod);
  return BEACON_WINDOW_SLOTS / pingPeriod;
}

/** TS005/ChirpStack periodicity 0..7 to the ping period 2^(5 + p) slots. */
export function pingPeriodFromPeriodicity(periodicity: number): number {
  if (!Number.isInteger(periodicity) || periodicity < 0 || periodicity > 7) throw new RangeError(`periodicity must be 0..7, got ${periodicity}`);
  return 2 ** (5 + periodicity);
}

/** Start of the beacon period containing `gpsUs`, GPS µs. */
export function beaconStartAtOrBeforeUs(gpsUs: number): number {
  return Math.floor(gpsUs / BEACON_PERIOD_US) * BEACON_PERIOD_US;
}

/** 3.2: the ping offset of `address` (DevAddr or McAddr, 32-bit) in the beacon period starting at beaconTimeGps (s). */
export function pingOffset(beaconTimeGps: number, address: number, pingPeriod: number): number {
  checkPingPeriod(pingPeriod);
  if (!Number.isInteger(beaconTimeGps)) throw new RangeError(`beaconTimeGps must be whole seconds, got ${beaconTimeGps}`);
  const block = Buffer.alloc(16);
  block.writeUInt32LE(((beaconTimeGps % 2 ** 32) + 2 ** 32) % 2 ** 32, 0);
  block.writeUInt32LE(address >>> 0, 4);
  const cipher = createCipheriv('aes-128-ecb', ZERO_KEY, null);
  cipher.setAutoPadding(false);
  const rand = cipher.update(block);
  return (rand[0] + 256 * rand[1]) % pingPeriod;
}

/** The pingNb slot starts (GPS µs) of `address` in the beacon period starting at beaconTimeGps (s). */
export function pingSlotStartsUs(beaconTimeGps: number, address: number, pingPeriod: number): Float64Array {
  const offset = pingOffset(beaconTimeGps, address, pingPeriod);
  const pingNb = BEACON_WINDOW_SLOTS / pingPeriod;
  const first = beaconTimeGps * 1_000_000 + BEACON_RESERVED_US + offset * PING_SLOT_US;
  const out = new Float64Array(pingNb);
  for (let n = 0; n < pingNb; n++) out[n] = first + n * pingPeriod * PING_SLOT_US;
  return out;
}

/** The first slot start ≥ afterGpsUs for `address` (recomputes AES; use PingSlotSchedule in loops). */
export function nextPingSlotUs(afterGpsUs: number, address: number, pingPeriod: number): number {
  return new PingSlotSchedule(address, pingPeriod).nextSlotUs(afterGpsUs);
}

/** Beacon starts in [fromGpsUs, toGpsUs), GPS µs. */
export function beaconStartsUs(fromGpsUs: number, toGpsUs: number): Float64Array {
  const first = Math.ceil(fromGpsUs / BEACON_PERIOD_US) * BEACON_PERIOD_US;
  const count = Math.max(0, Math.ceil((toGpsUs - first) / BEACON_PERIOD_US));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = first + i * BEACON_PERIOD_US;
  return out;
}

/**
 * Ping slots of one address (a multicast group's McAddr) with the offset of the current beacon
 * period cached: asking for "the next slot ≥ t" with non-decreasing t is O(1) amortised and runs AES
 * once per beacon period.
 */
export class PingSlotSchedule {
  readonly address: number;
  readonly pingPeriod: number;
  readonly pingNb: number;
  private cachedBeaconUs = Number.NaN;
  private cachedFirstSlotUs = 0;

  constructor(address: number, pingPeriod: number) {
    this.pingNb = pingNbFromPeriod(pingPeriod);
    this.address = address >>> 0;
    this.pingPeriod = pingPeriod;
  }

  /** ping offset (slots) in the beacon period starting at beaconTimeGps (s) */
  offset(beaconTimeGps: number): number {
    return (this.firstSlotUs(beaconTimeGps * 1_000_000) - beaconTimeGps * 1_000_000 - BEACON_RESERVED_US) / PING_SLOT_US;
  }

  /** the first slot start ≥ afterGpsUs, GPS µs */
  nextSlotUs(afterGpsUs: number): number {
    let beaconUs = beaconStartAtOrBeforeUs(afterGpsUs);
    for (;;) {
      const first = this.firstSlotUs(beaconUs);
      const stepUs = this.pingPeriod * PING_SLOT_US;
      const n = afterGpsUs <= first ? 0 : Math.ceil((afterGpsUs - first) / stepUs);
      if (n < this.pingNb) return first + n * stepUs;
      beaconUs += BEACON_PERIOD_US;
    }
  }

  private firstSlotUs(beaconUs: number): number {
    if (beaconUs !== this.cachedBeaconUs) {
      const off = pingOffset(beaconUs / 1_000_000, this.address, this.pingPeriod);
      this.cachedBeaconUs = beaconUs;
      this.cachedFirstSlotUs = beaconUs + BEACON_RESERVED_US + off * PING_SLOT_US;
    }
    return this.cachedFirstSlotUs;
  }
}
