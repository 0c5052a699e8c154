import { describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS } from '../../src/sim/types.js';
import { aggregateColumns, aggregateMetric, aggregateRows, sweepAggregateCsv, sweepSummaryCsv, sweepSummaryJson } from '../../src/sweep/tables.js';
import { MANIFEST, RECORDS } from './manifest-fixture.js';

describe('sweep tables', () => {
  it('summary.csv: run columns, the swept values, then every metric in the stable order', () => {
    const lines = sweepSummaryCsv(MANIFEST, RECORDS).trim().split('\n');
    const [head, first] = lines;
    const last = lines[4];
    expect(head).toBe(['runId', 'point', 'replication', 'seed', ...MANIFEST.sweptPaths, ...SUMMARY_COLUMNS].join(','));
    const cells = (line: string) => Object.fromEntries(head.split(',').map((h, i) => [h, line.split(',')[i]]));
    expect(cells(first)).toMatchObject({ runId: 'p00-r0', seed: '1', 'multicastGroup.dlClass': 'ClassB', devicesUpdated: '8', timeTo95S: '100' });
    expect(cells(last)).toMatchObject({ runId: 'p01-r1', replication: '1', devicesUpdated: '11', timeTo95S: '', uplinks: '' });
  });

  it('aggregates mean, sd and the t interval, and leaves a metric empty when a replication has no value', () => {
    const two = aggregateMetric([1, 3]);
    expect(two.mean).toBe(2);
    expect(two.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(two.ci95Low).toBeCloseTo(2 - 12.7062047362, 8);
    expect(two.ci95High).toBeCloseTo(2 + 12.7062047362, 8);
    expect(aggregateMetric([300, null])).toEqual({ mean: null, sd: null, ci95Low: null, ci95High: null });
    expect(aggregateMetric([5])).toEqual({ mean: 5, sd: null, ci95Low: null, ci95High: null });
    const rows = aggregateRows(MANIFEST, RECORDS);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ point: 0, 'multicastGroup.dlClass': 'ClassB', n: 2, energyMeanJ_mean: 2, timeTo95S_mean: 150 });
    expect(rows[1]).toMatchObject({ point: 1, n: 2, energyMeanJ_mean: 12, timeTo95S_mean: null });
  });

  it('aggregate.csv has one row per point with runs, with four columns per metric', () => {
    const lines = sweepAggregateCsv(MANIFEST, RECORDS.slice(0, 2)).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(',')).toEqual(aggregateColumns(MANIFEST));
    expect(aggregateColumns(MANIFEST)).toHaveLength(1 + 2 + 1 + 4 * SUMMARY_COLUMNS.length);
    expect(lines[0]).toMatch(/,n,devices_mean,devices_sd,devices_ci95Low,devices_ci95High,devicesUpdated_mean,/);
  });

  it('summary.json holds every run and every point aggregate, as the CSV files do', () => {
    const j = sweepSummaryJson(MANIFEST, RECORDS);
    expect(j.runs).toHaveLength(RECORDS.length);
    expect(Object.keys(j.runs[0])).toEqual(['runId', 'point', 'replication', 'seed', ...MANIFEST.sweptPaths, ...SUMMARY_COLUMNS]);
    expect(j.runs[0]).toMatchObject({ runId: 'p00-r0', seed: 1, devicesUpdated: 8, timeTo95S: 100 });
    expect(j.runs[RECORDS.length - 1]).toMatchObject({ runId: 'p01-r1', timeTo95S: null });
    expect(j.aggregate).toEqual(aggregateRows(MANIFEST, RECORDS).map((r) => Object.fromEntries(aggregateColumns(MANIFEST).map((c) => [c, r[c] ?? null]))));
    expect(j.aggregate[0]).toMatchObject({ point: 0, n: 2, timeTo95S_mean: 150 });
  });
});
