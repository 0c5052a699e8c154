import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { defaultGrid, expandPlanGrid, PLAN_PATHS } from '../../src/sweep/capacity-grid.js';

describe('capacity plan grid', () => {
  it('spreads three class-B data rates from the slowest to the fastest of the region', () => {
    expect(defaultGrid('EU868')).toEqual({ classes: ['ClassB', 'ClassC'], dataRates: [0, 3, 6], redundancies: [10, 25, 50], fragmentSizes: ['max', 'half'] });
    expect(defaultGrid('US915').dataRates).toEqual([8, 10, 13]);
  });

  it('applies every combination to the scenario, resolving max and half fragment sizes per data rate', () => {
    const raw = { name: 'fleet', region: 'EU868', replications: 2, firmware: { sizeBytes: 4096 }, devices: { count: 30 }, sweep: { seed: [1, 2] } };
    const base = resolveScenario(raw, { baseDir: '.' });
    const { prepared, skipped } = expandPlanGrid(raw, base, { classes: ['ClassC'], dataRates: [3, 5], redundancies: [10], fragmentSizes: ['max', 'half', 100] }, { baseDir: '.' });
    expect(skipped).toEqual([]);
    expect(prepared).toMatchObject({ name: 'fleet-plan', sweptPaths: PLAN_PATHS, replications: 2 });
    expect(prepared.points.map((p) => Object.values(p.values))).toEqual([
      ['ClassC', 3, 10, 112],
      ['ClassC', 3, 10, 56],
      ['ClassC', 3, 10, 100],
      ['ClassC', 5, 10, 239],
      ['ClassC', 5, 10, 119],
      ['ClassC', 5, 10, 100],
    ]);
    expect(prepared.scenarios[4]).toMatchObject({ sweep: null, multicastGroup: { dlClass: 'ClassC', dlDr: 5 }, fuotaTask: { fragmentSizeBytes: 119 } });
  });

  it('skips combinations the scenario rules reject, with the reason', () => {
    const raw = { name: 'fleet', region: 'EU868', firmware: { sizeBytes: 4096 } };
    const base = resolveScenario(raw, { baseDir: '.' });
    const { prepared, skipped } = expandPlanGrid(raw, base, { classes: ['ClassB'], dataRates: [0, 7], redundancies: [10], fragmentSizes: [200] }, { baseDir: '.' });
    expect(prepared.points).toEqual([]);
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatch(/^ClassB DR0, 10 % redundancy, fragment size 200: fuotaTask.fragmentSizeBytes: 200 is larger than/);
    expect(skipped[1]).toMatch(/^ClassB DR7, .*multicastGroup.dlDr: 7/);
  });
});
