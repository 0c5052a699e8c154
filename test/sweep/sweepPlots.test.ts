import { describe, expect, it } from 'vitest';
import { compileVegaLite } from '../../src/output/svg.js';
import { wilsonInterval } from '../../src/stats/proportion.js';
import { parameterPath, pointLabel, runMetric, sweepPlots } from '../../src/sweep/sweepPlots.js';
import { encodingOf, rows } from '../output/plots/specData.js';
import { MANIFEST, RECORDS } from './manifest-fixture.js';
import { curves, runs, SWEEP } from './sweep-fixture.js';

describe('sweep plots', () => {
  it('labels points by their values and takes the last numeric swept path as the x axis', () => {
    expect(pointLabel(MANIFEST, 1)).toBe('ClassC, 10');
    expect(pointLabel(MANIFEST, 0, ['multicastGroup.dlClass'])).toBe('ClassB');
    expect(parameterPath(MANIFEST)).toBe('fuotaTask.redundancyPercent');
    expect(parameterPath({ ...MANIFEST, sweptPaths: ['multicastGroup.dlClass'] })).toBe('multicastGroup.dlClass');
    expect(parameterPath({ ...MANIFEST, sweptPaths: [] })).toBeNull();
  });

  it('derives times from the session start from the campaign times and the session start', () => {
    expect(runMetric(runs[10], 'timeTo90FromSessionS', curves.get(runs[10].runId))).toBe(1360 - 1000);
    expect(runMetric({ ...runs[10], metrics: { ...runs[10].metrics, timeTo90FromSessionS: 7 } }, 'timeTo90FromSessionS')).toBe(7);
    expect(runMetric(runs[0], 'timeTo90FromSessionS', curves.get(runs[0].runId))).toBeNull();
  });

  it('draws the mean completion of each point from its session start, redundancy by colour and class by dash', () => {
    const [completion] = sweepPlots(SWEEP, runs, curves);
    expect(completion.name).toBe('completion');
    expect(compileVegaLite(completion.spec).warnings).toEqual([]);
    const values = rows(completion.spec);
    // ClassB 5 %: half the fleet 60 s into the session, all at 120 s; the axis (to 1.08 × 130 s) is in minutes
    const at = (series: string, style: string, t: number) => values.find((v) => v.series === series && v.style === style && Math.abs((v.t as number) - t) < 1e-6)?.share;
    expect(at('5', 'ClassB', 0)).toBe(0);
    const grid = (k: number) => (130 * 1.08 * k) / 200 / 60; // grid step k, in minutes
    expect(at('5', 'ClassB', grid(86))).toBe(0.5); // 60.4 s
    expect(at('5', 'ClassB', grid(85))).toBe(0); // 59.7 s
    const line = encodingOf(completion.spec, 'line');
    expect(line.x.title).toBe('Time since session start (min)');
    expect((line.color.scale as { domain: string[] }).domain).toEqual(['5', '10', '40']);
    expect(line.color.title).toBe('Redundancy (%)');
    expect(line.strokeDash).toMatchObject({ field: 'style', title: 'Class', scale: { domain: ['ClassB', 'ClassC'], range: [[7, 4], [1, 0]] } });
  });

  it('plots time to 90 % from the session start with the points never reached drawn as such', () => {
    const plots = sweepPlots(SWEEP, runs, curves);
    const p = plots.find((x) => x.name === 'timeTo90FromSessionS-vs-redundancyPercent')!;
    expect(p.title).toBe('Time to 90 % updated, from the session start against Redundancy (%)');
    expect(compileVegaLite(p.spec).warnings).toEqual([]);
    const v = rows(p.spec);
    const of = (series: string, x: number) => v.find((r) => r.series === series && r.x === x);
    expect(of('ClassB', 5)).toMatchObject({ reached: false, mean: null, label: '60 %' });
    expect(of('ClassB', 10)).toMatchObject({ reached: false, label: '91.5 % (1/2 runs)' });
    expect(of('ClassC', 40)).toMatchObject({ reached: true, mean: 6.25, n: 2 }); // (360 + 390) / 2 s, in minutes
    expect(encodingOf(p.spec, 'line').color.scale).toEqual({ domain: ['ClassB', 'ClassC'], range: ['#CC79A7', '#0072B2'] });
  });

  it('keeps the interval of the share updated within [0, 1]: Wilson over the pooled devices, widened to the t interval', () => {
    const p = sweepPlots(SWEEP, runs, curves).find((x) => x.name === 'updatedRatio-vs-redundancyPercent')!;
    const row = rows(p.spec).find((r) => r.series === 'ClassC' && r.x === 40)!;
    const w = wilsonInterval(392, 400)!;
    expect(row.mean).toBe(0.98);
    expect(row.low).toBeCloseTo(w.low, 6); // both runs 98 %: the t interval is a point
    expect(row.high).toBeCloseTo(w.high, 6);
    for (const r of rows(p.spec)) {
      expect(r.low as number).toBeGreaterThanOrEqual(0);
      expect(r.high as number).toBeLessThanOrEqual(1);
    }
  });

  it('leaves out a metric no run has, but not a time to X % never reached', () => {
    const names = sweepPlots(SWEEP, runs, curves).map((p) => p.name);
    expect(names).toEqual([
      'completion', 'timeTo90FromSessionS-vs-redundancyPercent', 'timeTo95FromSessionS-vs-redundancyPercent',
      'timeTo95S-vs-redundancyPercent', 'updatedRatio-vs-redundancyPercent', 'energyMeanJ-vs-redundancyPercent',
    ]);
    const old = sweepPlots(MANIFEST, RECORDS, new Map());
    expect(old.map((p) => p.name)).not.toContain('updatedRatio-vs-redundancyPercent');
  });
});
