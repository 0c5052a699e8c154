/**
 * The setup phase: bringing every device into the multicast group and fragmentation session
 * (TS005 McGroupSetup, TS004 FragSessionSetup, TS003 clock sync, McClassB/CSessionReq).
 *
 * `instant`: the fleet is set up at the campaign start; clocks are synchronised to within the
 * tolerance. Devices whose role is a setup failure get their AWS status here.
 */
import { Purpose, uniform } from '../engine/rng.js';
import type { RunContext } from './context.js';
import { deviceRole } from './mix.js';
import { STATUS_INDEX } from './world.js';

/** Statuses decided by the device's answer during setup; such a device never joins the session. */
export const SETUP_FAILURES = new Set(['Package_Not_Supported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay']);

export interface SetupOutcome {
  /** when the last device finished setup (or gave up), µs */
  endUs: number;
  /** devices that accepted the session */
  members: Int32Array;
}

export function instantSetup(ctx: RunContext): SetupOutcome {
  const { s, fleet } = ctx.world;
  const tolUs = s.setup.clockSyncToleranceS * 1e6;
  const members: number[] = [];
  for (let d = 0; d < fleet.count; d++) {
    const role = deviceRole(s, d);
    fleet.clockErrorUs[d] = Math.round((2 * uniform(s.seed, Purpose.clock, d, 0) - 1) * tolUs);
    if (role && SETUP_FAILURES.has(role)) {
      fleet.status[d] = STATUS_INDEX[role];
      continue;
    }
    members.push(d);
  }
  return { endUs: ctx.campaignStartUs, members: Int32Array.from(members) };
}
