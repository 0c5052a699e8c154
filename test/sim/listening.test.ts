/**
 * Continuous listening (src/sim/listening.ts): the fleet's bound below every device's start, kept
 * by whoever sets a start, answers for the uplinks sent before any device listens. And the members'
 * session-listening bounds (Fleet.listenStartBoundUs / listenStopBoundUs) that let the multicast
 * loop skip the members' windows: checked at every progress step of runs where devices stop at
 * different times (rebuilt, out of memory), and tight at the end.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import type { RunContext } from '../../src/sim/context.js';
import { continuousListeningOverlapUs, listensContinuouslyAt } from '../../src/sim/listening.js';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';
import { GENTLE_CHANNEL, LOSSY, nearFleet } from './campaign/fleet.js';

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

interface Bounds {
  startBound: number;
  stopBound: number;
  sessionEndUs: number;
  /** the members' session listening, µs */
  from: number[];
  to: number[];
  memoryFailures: number;
  /** progress steps at which the bounds were checked, and those at which a member was outside them */
  steps: number;
  stepsOutside: number;
}

/** Whether a member starts after the fleet's start bound or stops before its stop bound (a listenToUs of -Infinity: never set). */
function outsideBounds(ctx: RunContext): boolean {
  const { fleet } = ctx.world;
  for (const d of ctx.members) {
    const i = fleet.order.slotOf[d];
    if (fleet.bySlot.listenFromUs[i] > fleet.listenStartBoundUs) return true;
    const to = fleet.bySlot.listenToUs[i];
    if (to !== -Infinity && to < fleet.listenStopBoundUs) return true;
  }
  return false;
}

function bounds(s: ResolvedScenario): Bounds {
  const seen = { steps: 0, stepsOutside: 0 } as Bounds;
  let live: RunContext | null = null;
  const r = simulate(s, {
    onStart: (ctx: RunContext) => {
      live = ctx;
    },
    // every progress step of the run (one per ten simulated minutes): the bounds hold all along, not only at the end
    onProgress: () => {
      if (live === null) return;
      seen.steps++;
      if (outsideBounds(live)) seen.stepsOutside++;
    },
    onFinish: (ctx: RunContext) => {
      const { fleet } = ctx.world;
      const slot = (d: number): number => fleet.order.slotOf[d];
      seen.startBound = fleet.listenStartBoundUs;
      seen.stopBound = fleet.listenStopBoundUs;
      seen.sessionEndUs = ctx.sessionEndUs;
      seen.from = Array.from(ctx.members, (d) => fleet.bySlot.listenFromUs[slot(d)]);
      seen.to = Array.from(ctx.members, (d) => fleet.bySlot.listenToUs[slot(d)]);
    },
  });
  seen.memoryFailures = r.devices.status.filter((st) => st === 'MemoryError').length;
  return seen;
}

/**
 * What the multicast loop relies on to skip the members' windows (reception.ts): no member starts
 * listening after the start bound, and none stops before the stop bound. Both are tight here: the
 * latest start and the earliest stop.
 */
function expectTightListenBounds(b: Bounds, members: number): void {
  expect(b.steps).toBeGreaterThan(5);
  expect(b.stepsOutside).toBe(0);
  expect(b.from.length).toBe(members);
  expect(b.startBound).toBe(Math.max(...b.from));
  expect(b.stopBound).toBe(Math.min(...b.to));
  // some member stopped before the session's end: the bound was lowered by whoever stopped it
  expect(b.stopBound).toBeLessThan(b.sessionEndUs);
}

/**
 * A session of about 90 minutes (280 fragments 20 s apart) with bursty losses: devices finish at
 * different times while others still listen, and the progress steps fall among them.
 */
const LONG_SESSION = {
  ...LOSSY,
  firmware: { sizeBytes: 40_000 },
  fuotaTask: { redundancyPercent: 40, fragmentIntervalMs: 20_000 },
  traffic: { uplinkIntervalS: 600 },
};

describe('the members\' session-listening bounds', () => {
  it('class C, devices that stop listening once they rebuilt the image: the earliest rebuild', () => {
    const b = bounds(nearFleet(12, { ...LONG_SESSION, multicastGroup: { sessionTimeoutS: 8192 } }));
    expectTightListenBounds(b, 12);
  });

  it('class C, devices that keep listening after decoding: the first decoder out of memory', () => {
    const b = bounds(nearFleet(20, {
      ...LONG_SESSION,
      setup: { mode: 'instant' },
      devices: { memoryFragments: 2 },
      multicastGroup: { stopListeningWhenDecoded: false, sessionTimeoutS: 8192 },
    }));
    expect(b.memoryFailures).toBeGreaterThan(0);
    expectTightListenBounds(b, 20);
  });

  it('class B: listening starts with each device\'s first beacon, so the start bound never lets the loop skip', () => {
    const b = bounds(classB('by-time'));
    expect(b.from.length).toBe(6);
    expect(b.startBound).toBe(Infinity);
    expect(b.stopBound).toBeLessThanOrEqual(Math.min(...b.to));
  });
});
