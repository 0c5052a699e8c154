import { describe, expect, it } from 'vitest';
import type { SweepManifest } from '../../src/sweep/manifest.js';
import { metricCell, sweepKeyTable } from '../../src/sweep/sweepTable.js';
import type { RunRecord } from '../../src/sweep/tables.js';
import { MANIFEST } from './manifest-fixture.js';

const run = (point: number, replication: number, m: Record<string, number | null>): RunRecord => ({ runId: `p0${point}-r${replication}`, point, replication, seed: 1 + replication, metrics: m });
const runs = [
  run(0, 0, { devices: 200, devicesUpdated: 196, updatedRatio: 0.98, timeTo95S: 13_000, energyMeanJ: 2.81, downlinkAirtimeS: 600, timeTo90S: 1150, sessionStartS: 1000 }),
  run(0, 1, { devices: 200, devicesUpdated: 200, updatedRatio: 1, timeTo95S: 13_400, energyMeanJ: 2.85, downlinkAirtimeS: 620, timeTo90S: 1160, sessionStartS: 1000 }),
  run(1, 0, { devices: 200, devicesUpdated: 110, updatedRatio: 0.55, timeTo95S: null, energyMeanJ: 0.5, downlinkAirtimeS: 600, timeTo90S: null, sessionStartS: 1000 }),
  run(1, 1, { devices: 200, devicesUpdated: 190, updatedRatio: 0.95, timeTo95S: 13_300, energyMeanJ: 0.7, downlinkAirtimeS: 600, timeTo90S: 1100, sessionStartS: 1000 }),
];

describe('the sweep report table', () => {
  it('has the swept values, the runs and five key metrics, each a mean with its interval in words', () => {
    const m: SweepManifest = MANIFEST;
    const t = sweepKeyTable(m, runs, new Map());
    expect(t.columns).toEqual([
      'Class', 'Redundancy (%)', 'Runs', 'Devices updated', 'Time to 90 %, from session start', 'Time to 95 %, from campaign start',
      'Energy per device (mean)', 'Downlink airtime',
    ]);
    expect(t.rows[0].slice(0, 3)).toEqual(['ClassB', '10', '2']);
    expect(t.rows[0][3]).toMatch(/^99 % \(\d+(\.\d)?–100\)$/); // never above 100 %
    expect(t.rows[0][4]).toMatch(/^2\.58 min \(/); // (150 + 160) / 2 s after the session start
    expect(t.rows[0][5]).toMatch(/^3\.67 h \(/);
    expect(t.rows[0][6]).toMatch(/^2\.83 J \(\d\.\d+–\d\.\d+\)$/);
    expect(t.rows[1][4]).toBe('reached in 1 of 2 runs');
    expect(t.rows[1][6]).toMatch(/^600 mJ \(/);
  });

  it('says "not reached" when no run reached the metric, and gives a lone run without an interval', () => {
    expect(metricCell('timeTo95S', [runs[2]], new Map())).toBe('not reached');
    expect(metricCell('timeTo95S', [runs[0]], new Map())).toBe('3.61 h');
  });
});
