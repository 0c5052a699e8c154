import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { expandSweep } from '../../src/scenario/sweep.js';

function sweepProblems(raw: unknown): string[] {
  try {
    expandSweep(raw, { baseDir: '/tmp' });
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('expected the sweep to be rejected');
}

describe('expandSweep', () => {
  it('builds the cartesian product with keys in file order and the last key varying fastest', () => {
    const points = expandSweep({
      sweep: { 'multicastGroup.dlClass': ['ClassB', 'ClassC'], 'fuotaTask.redundancyPercent': [5, 10, 20] },
    });
    expect(points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(points.map((p) => Object.values(p.values))).toEqual([
      ['ClassB', 5], ['ClassB', 10], ['ClassB', 20], ['ClassC', 5], ['ClassC', 10], ['ClassC', 20],
    ]);
    expect(points.map((p) => [p.scenario.multicastGroup.dlClass, p.scenario.fuotaTask.redundancyPercent]))
      .toEqual(points.map((p) => Object.values(p.values)));
  });

  it('applies the values to the raw scenario, removes the sweep and leaves the input untouched', () => {
    const raw = { seed: 7, fuotaTask: { fec: 'v2' }, sweep: { 'devices.placement.radiusM': [100, 200] } };
    const copy = structuredClone(raw);
    const points = expandSweep({ ...raw, devices: { placement: { kind: 'disc' } } });
    expect(points[1].raw).toEqual({ seed: 7, fuotaTask: { fec: 'v2' }, devices: { placement: { kind: 'disc', radiusM: 200 } } });
    expect(points[1].scenario.sweep).toBeNull();
    expect(raw).toEqual(copy);
  });

  it('derives defaults again for every point', () => {
    const points = expandSweep({ sweep: { 'multicastGroup.dlDr': [0, 3, 5] } });
    expect(points.map((p) => p.scenario.fuotaTask.fragmentSizeBytes)).toEqual([48, 112, 239]);
  });

  it('returns one point for a scenario without a sweep, and does not expand replications', () => {
    const points = expandSweep({ replications: 3 });
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ index: 0, values: {} });
    expect(points[0].scenario.replications).toBe(3);
  });

  it('names an unknown sweep path, with a suggestion when one is close', () => {
    expect(sweepProblems({ sweep: { 'radio.zzz': [1] } })).toEqual([
      'sweep["radio.zzz"]: unknown field; allowed: a dotted path of a scenario field, e.g. "fuotaTask.redundancyPercent"',
    ]);
    expect(sweepProblems({ sweep: { 'multicastGroup.dlclass': ['ClassB'], 'devices.count': [1] } })).toEqual([
      'sweep["multicastGroup.dlclass"]: unknown field; did you mean "multicastGroup.dlClass"?',
    ]);
  });

  it('refuses to sweep the sweep itself and empty value lists', () => {
    expect(sweepProblems({ sweep: { sweep: [null], 'fuotaTask.fec': [] } })).toEqual([
      'sweep["sweep"]: cannot be swept; allowed: a dotted path of another scenario field',
      'sweep["fuotaTask.fec"]: [] is not allowed; allowed: a non-empty list of values',
    ]);
  });

  it('names the swept path, the value and the point of an invalid value, once per value', () => {
    const problems = sweepProblems({
      sweep: { 'multicastGroup.dlClass': ['ClassB', 'ClassC'], 'fuotaTask.redundancyPercent': [10, 150] },
    });
    expect(problems).toEqual([
      'sweep["fuotaTask.redundancyPercent"] = 150 (point 1): fuotaTask.redundancyPercent: 150 is out of range; allowed: integer 0..100',
    ]);
  });

  it('names the whole point for a cross-field problem only some points have', () => {
    const problems = sweepProblems({
      fuotaTask: { fragmentSizeBytes: 100 },
      sweep: { 'multicastGroup.dlDr': [3, 0] },
    });
    expect(problems).toEqual([
      'sweep point 1 (multicastGroup.dlDr=0): fuotaTask.fragmentSizeBytes: 100 is larger than the 48 bytes that fit DR0 in EU868 (N − 3); allowed: integer 1..48, or leave it out',
    ]);
  });

  it('reports a problem every point shares once, without a point', () => {
    const problems = sweepProblems({ devices: { count: 0 }, sweep: { seed: [1, 2, 3] } });
    expect(problems).toEqual(['devices.count: 0 is out of range; allowed: integer 1..1000000']);
  });
});
