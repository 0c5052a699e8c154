/**
 * Continuous listening (src/sim/listening.ts): the fleet's bound below every device's start, kept
 * by whoever sets a start, answers for the uplinks sent before any device listens.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import type { RunContext } from '../../src/sim/context.js';
import { continuousListeningOverlapUs, listensContinuouslyAt } from '../../src/sim/listening.js';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';
import { GENTLE_CHANNEL, nearFleet } from './campaign/fleet.js';

interface Seen {
  bound: number;
  /** each member's continuous listening start, µs */
  starts: number[];
  /** listensContinuouslyAt and the overlap of a 1 s frame ending there, at probe times, with the bound and without it */
  withBound: number[];
  lookedUp: number[];
}

function run(s: ResolvedScenario, startOf: (ctx: RunContext, d: number) => number): Seen {
  const seen = {} as Seen;
  simulate(s, {
    onFinish: (ctx: RunContext) => {
      const { fleet } = ctx.world;
      seen.bound = fleet.continuousListeningFromUs;
      seen.starts = Array.from(ctx.members, (d) => startOf(ctx, d));
      const first = Math.min(...seen.starts);
      const probes = [0, first - 1e6, first - 1, first, first + 1, first + 5e5, ctx.sessionStartUs, ctx.sessionEndUs];
      const answers = (): number[] => {
        const out: number[] = [];
        for (let d = 0; d < fleet.count; d++) {
          for (const t of probes) out.push(listensContinuouslyAt(ctx.world, d, t) ? 1 : 0, continuousListeningOverlapUs(ctx.world, d, t - 1e6, t));
        }
        return out;
      };
      seen.withBound = answers();
      fleet.continuousListeningFromUs = -Infinity; // every answer looked up
      seen.lookedUp = answers();
      fleet.continuousListeningFromUs = seen.bound;
    },
  });
  return seen;
}

/** Six devices near a gateway, class B from 1000 s, the given beacon acquisition. */
const classB = (acq: 'scan' | 'by-time'): ResolvedScenario => makeScenario({
  devices: { count: 6, placement: { kind: 'disc', radiusM: 200, centerM: [0, 0] }, beaconAcquisition: acq, mcu: { profile: 'none' } },
  channel: GENTLE_CHANNEL,
  multicastGroup: { dlClass: 'ClassB', dlDr: 3, pingSlotPeriod: 4096, sessionStart: 1000, sessionTimeoutS: 4096 },
  traffic: { uplinkIntervalS: 0 },
});

/** The bound is the earliest of the members' starts, and looking the devices up changes no answer. */
function expectTightBound(seen: Seen, members: number): void {
  expect(seen.starts.length).toBe(members);
  expect(Number.isFinite(seen.bound)).toBe(true);
  expect(seen.bound).toBe(Math.min(...seen.starts));
  expect(seen.withBound).toEqual(seen.lookedUp);
  // some answers are "listening": the probes reach into the listening
  expect(seen.lookedUp.some((x, k) => k % 2 === 0 && x === 1)).toBe(true);
}

describe('the fleet\'s continuous-listening bound', () => {
  it('class C: the earliest member\'s switch by its own clock (class A setup, clock errors both ways)', () => {
    const s = nearFleet(12, { traffic: { uplinkIntervalS: 600 }, multicastGroup: { sessionTimeoutS: 2048 } });
    const seen = run(s, (ctx, d) => ctx.world.fleet.bySlot.listenFromUs[ctx.world.fleet.order.slotOf[d]]);
    expectTightBound(seen, 12);
  });

  it('class B beacon scan: the earliest start of a search', () => {
    const seen = run(classB('scan'), (ctx, d) => ctx.world.fleet.beaconSearchFromUs[d]);
    expectTightBound(seen, 6);
  });

  it('class B without a scan: nobody listens continuously, with the bound or without', () => {
    const seen = run(classB('by-time'), () => Infinity);
    expect(seen.withBound).toEqual(seen.lookedUp);
    expect(seen.lookedUp.every((x) => x === 0)).toBe(true);
  });
});
