/**
 * The mixed fleet: which devices fail the campaign in which AWS way, drawn once per device from the
 * scenario's shares (devices.mix). Shares are stacked in a fixed order on one uniform per device, so a
 * device's role does not depend on the other devices.
 */
import { Purpose, uniform } from '../engine/rng.js';
import type { ResolvedScenario } from '../scenario/types.js';
import type { DeviceStatus } from './types.js';

export const MIX_ORDER: ReadonlyArray<[keyof ResolvedScenario['devices']['mix'], DeviceStatus]> = [
  ['noPackage', 'Package_Not_Supported'],
  ['fragAlgoUnsupported', 'FragAlgo_unsupported'],
  ['notEnoughMemory', 'Not_enough_memory'],
  ['fragIndexUnsupported', 'FragIndex_unsupported'],
  ['wrongDescriptor', 'Wrong_descriptor'],
  ['sessionCntReplay', 'SessionCnt_replay'],
  ['memoryError', 'MemoryError'],
  ['micError', 'MICError'],
];

/** The failure a device is destined for, or null for a healthy device. */
export function deviceRole(s: ResolvedScenario, d: number): DeviceStatus | null {
  const u = uniform(s.seed, Purpose.deviceMix, d, 0);
  let acc = 0;
  for (const [key, status] of MIX_ORDER) {
    acc += s.devices.mix[key] ?? 0;
    if (u < acc) return status;
  }
  return null;
}
