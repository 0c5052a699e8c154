/**
 * An "after-setup" booking simulates setup once (simulate.ts, `canGoOn`): the setup probe goes on as
 * the booked run. Every output file must be the one the two-pass run writes (the probe, then a
 * second pass from the campaign start with the booking it found), for class C groups on varied
 * campaigns; class B groups, whose beacons start before the probe ends, take the two passes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import * as pass from '../../src/sim/pass.js';
import { simulate } from '../../src/sim/simulate.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import { LOSSY, nearFleet } from './campaign/fleet.js';

// the passes simulate() starts, counted through the module's own functions (behaviour unchanged)
vi.mock('../../src/sim/pass.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/sim/pass.js')>();
  return { ...actual, startPass: vi.fn(actual.startPass), runPass: vi.fn(actual.runPass) };
});

const QUIET = { completion: { statusRequest: false } };

/** Passes a run of `s` simulates from the campaign start (a probe, a booked run, or one that is both). */
function passes(s: ResolvedScenario, setupOnce?: boolean): number {
  vi.mocked(pass.startPass).mockClear();
  vi.mocked(pass.runPass).mockClear();
  simulate(s, { setupOnce });
  return vi.mocked(pass.startPass).mock.calls.length + vi.mocked(pass.runPass).mock.calls.length;
}

/** [name, scenario, passes it takes] */
const CASES: Array<[string, ResolvedScenario, number]> = [
  ['a quiet class C campaign', nearFleet(60, QUIET), 1],
  ['a bursty channel with status requests and repair rounds', nearFleet(60, { ...LOSSY, completion: { statusRequest: true, repairRounds: 2 } }), 1],
  ['a signed image, confirmed background uplinks every 10 min (three tries)', nearFleet(40, { ...QUIET, firmware: { sizeBytes: 4096, signature: 'ecdsa-p256' }, traffic: { uplinkIntervalS: 600, confirmed: true, nbTrans: 3 } }), 1],
  // the server gives the last unreachable devices up after SessionTime: the probe ran past it, a second pass runs
  ['devices beyond the gateway\'s reach given up after the last answer, another seed', nearFleet(50, { ...QUIET, seed: 7, devices: { placement: { kind: 'disc', radiusM: 3000, centerM: [0, 0] } }, channel: { shadowingSigmaDb: 6, pathLoss: { model: 'okumura-hata', environment: 'urban' } } }), 2],
];

describe('setup simulated once under an "after-setup" booking', () => {
  for (const [name, s, n] of CASES) {
    it(`writes every file as the two-pass run does, in ${n} pass(es): ${name}`, async () => {
      expect(s.multicastGroup.sessionStart).toBe('after-setup');
      expect(passes(s)).toBe(n);
      expect(passes(s, false)).toBe(2);
      expectSameOutputs(await outputFiles(s), await outputFiles(s, { setupOnce: false }));
    });
  }

  it('gives the summary of the two-pass run, and of the same booking made by hand', () => {
    const s = CASES[1][1];
    const once = simulate(s);
    const twice = simulate(s, { setupOnce: false });
    expect(JSON.stringify(once.summary)).toBe(JSON.stringify(twice.summary));
    // a real campaign: a session booked after setup, devices updated
    expect(once.summary.sessionStartS).toBe(Math.ceil(once.summary.fleetReadyS!));
    expect(once.summary.statusCounts.Successful).toBeGreaterThan(30);
    const byHand = simulate(nearFleet(60, { ...LOSSY, completion: { statusRequest: true, repairRounds: 2 }, multicastGroup: { sessionStart: once.summary.sessionStartS! } }));
    expect(byHand.summary).toEqual(once.summary);
  });

  it('takes one pass in the shipped class C scenarios booked "after-setup"', () => {
    for (const name of ['default', 'us915-classc', 'as923-dwell', 'eu868-rural-dr0', 'validation/booking']) {
      const { scenario: s } = loadScenarioFile(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)));
      expect([name, s.multicastGroup.dlClass, s.multicastGroup.sessionStart]).toEqual([name, 'ClassC', 'after-setup']);
      expect([name, passes(s)]).toEqual([name, 1]);
    }
  });

  it('takes two passes with observers attached (onStart sees the run from its start)', () => {
    vi.mocked(pass.startPass).mockClear();
    vi.mocked(pass.runPass).mockClear();
    const seen: number[] = [];
    simulate(CASES[0][1], { onStart: (ctx) => seen.push(ctx.kernel.now) });
    expect(seen).toEqual([0]);
    expect(vi.mocked(pass.startPass).mock.calls.length + vi.mocked(pass.runPass).mock.calls.length).toBe(2);
  });

  it('takes two passes for a class B group (its beacons start before setup ends), with the same files either way', async () => {
    const s = nearFleet(30, { ...QUIET, multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32 }, firmware: { sizeBytes: 2048 } });
    expect(passes(s)).toBe(2);
    expectSameOutputs(await outputFiles(s), await outputFiles(s, { setupOnce: false }));
  });
});
