/**
 * The small town the whole-run equality tests share (test/sim/reception.reference.test.ts,
 * test/sim/device-order.test.ts): a disc 1 km across under four gateways whose reaches overlap,
 * bursts in time, and a unicast campaign that has no multicast loop.
 */
import type { makeScenario } from './scenario.js';

type Over = Parameters<typeof makeScenario>[0];

export const DISC = { kind: 'disc' as const, radiusM: 500, centerM: [0, 0] as [number, number] };
export const FOUR_GATEWAYS: [number, number][] = [[0, 0], [500, 0], [-250, 430], [-250, -430]];
export const BURSTS = { model: 'gilbert-elliott', meanBurstS: 3, meanGapS: 15, lossGood: 0.02, lossBad: 0.9 } as const;

/** Unicast fragments to a dozen devices under two gateways (no multicast loop). */
export const UNICAST_TOWN: Over = {
  devices: { count: 12, placement: DISC },
  gateways: { positions: FOUR_GATEWAYS.slice(0, 2) },
  firmware: { sizeBytes: 1500 },
  fuotaTask: { mode: 'unicast' },
  channel: { burst: BURSTS },
};
