/**
 * The order in which the simulator stores its per-device state: device d's fields sit at slot
 * `slotOf[d]`, and slot i holds device `deviceOf[i]`.
 *
 * A multicast frame reaches the devices around its gateway, a few per cent of a national fleet. With
 * the devices stored as the scenario numbers them (positions drawn at random), each of them is a
 * cache miss on every array the loop reads; stored by the gateway that hears them best, the devices
 * a frame visits sit side by side (docs/benchmarks.md, the layout figures). The order is internal:
 * every random draw, event, output row and callback stays keyed by the device number, and a test
 * runs the same scenarios with a scrambled order and compares every output byte for byte.
 */
import { hash4, Purpose } from '../engine/rng.js';
import type { LinkTable } from './links.js';

export interface DeviceOrder {
  /** device → slot */
  readonly slotOf: Int32Array;
  /** slot → device */
  readonly deviceOf: Int32Array;
}

/** How the per-device state is ordered: by strongest gateway (default), as numbered, or scrambled (a test of the translation). */
export type DeviceOrderKind = 'space' | 'identity' | 'scrambled';

export function identityOrder(count: number): DeviceOrder {
  const slotOf = new Int32Array(count);
  for (let d = 0; d < count; d++) slotOf[d] = d;
  return { slotOf, deviceOf: slotOf.slice() };
}

function fromDevices(deviceOf: Int32Array): DeviceOrder {
  const slotOf = new Int32Array(deviceOf.length);
  for (let i = 0; i < deviceOf.length; i++) slotOf[deviceOf[i]] = i;
  return { slotOf, deviceOf };
}

/**
 * Devices grouped by the gateway with the least path loss to them (ties to the lower gateway), in
 * device order within a group (a counting sort). With one gateway, the identity.
 */
export function spaceOrder(links: LinkTable): DeviceOrder {
  const { devices: n, gateways: G, lossDb } = links;
  const best = new Int32Array(n);
  const perGateway = new Int32Array(G + 1);
  for (let d = 0; d < n; d++) {
    let bg = 0;
    let bl = lossDb[d * G];
    for (let g = 1; g < G; g++) {
      const l = lossDb[d * G + g];
      if (l < bl) {
        bl = l;
        bg = g;
      }
    }
    best[d] = bg;
    perGateway[bg + 1]++;
  }
  for (let g = 0; g < G; g++) perGateway[g + 1] += perGateway[g];
  const deviceOf = new Int32Array(n);
  for (let d = 0; d < n; d++) deviceOf[perGateway[best[d]]++] = d;
  return fromDevices(deviceOf);
}

/** A pseudo-random order (seeded), for tests that every access translates device numbers. */
export function scrambledOrder(count: number, seed: number): DeviceOrder {
  const keyed = Array.from({ length: count }, (_, d) => [hash4(seed, Purpose.deviceOrder, d, 0), d] as const);
  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return fromDevices(Int32Array.from(keyed, ([, d]) => d));
}

export function deviceOrder(kind: DeviceOrderKind, links: LinkTable, seed: number): DeviceOrder {
  if (kind === 'identity') return identityOrder(links.devices);
  if (kind === 'scrambled') return scrambledOrder(links.devices, seed);
  return spaceOrder(links);
}

/** `bySlot` in device order: out[d] = bySlot[slotOf[d]]. */
export function toDeviceOrder<T extends Float64Array | Int32Array>(bySlot: T, order: DeviceOrder): T {
  const { slotOf } = order;
  return bySlot.map((_, d) => bySlot[slotOf[d]]) as T;
}

/**
 * A table of `width` numbers per device ([device * width + k], the link table) with its rows in
 * storage order: row i is device deviceOf[i]'s (the inverse of `toDeviceOrder`, by rows). The table
 * itself when the order is the numbering.
 */
export function rowsInSlotOrder(byDevice: Float32Array, width: number, order: DeviceOrder): Float32Array {
  const { deviceOf } = order;
  let identity = true;
  for (let i = 0; i < deviceOf.length && identity; i++) identity = deviceOf[i] === i;
  if (identity) return byDevice;
  const bySlot = new Float32Array(byDevice.length);
  for (let i = 0; i < deviceOf.length; i++) bySlot.set(byDevice.subarray(deviceOf[i] * width, deviceOf[i] * width + width), i * width);
  return bySlot;
}
