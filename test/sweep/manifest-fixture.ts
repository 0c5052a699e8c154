/** A small synthetic sweep manifest and run records for unit tests (no simulator needed). */
import type { SweepManifest } from '../../src/sweep/manifest.js';
import type { RunRecord } from '../../src/sweep/tables.js';

export const MANIFEST: SweepManifest = {
  format: 'fuota-sim-sweep/1',
  name: 'synthetic',
  scenarioHash: 'ab'.repeat(32),
  sweptPaths: ['multicastGroup.dlClass', 'fuotaTask.redundancyPercent'],
  replications: 2,
  points: [
    { index: 0, values: { 'multicastGroup.dlClass': 'ClassB', 'fuotaTask.redundancyPercent': 10 } },
    { index: 1, values: { 'multicastGroup.dlClass': 'ClassC', 'fuotaTask.redundancyPercent': 10 } },
  ],
  runs: [
    { runId: 'p00-r0', point: 0, replication: 0, seed: 1 },
    { runId: 'p00-r1', point: 0, replication: 1, seed: 2 },
    { runId: 'p01-r0', point: 1, replication: 0, seed: 1 },
    { runId: 'p01-r1', point: 1, replication: 1, seed: 2 },
  ],
};

/** metrics of each run: timeTo95S is missing in p01-r1 */
export const RECORDS: RunRecord[] = MANIFEST.runs.map((r, i) => ({
  ...r,
  metrics: { devices: 10, devicesUpdated: 8 + i, energyMeanJ: [1, 3, 10, 14][i], timeTo95S: i === 3 ? null : 100 * (i + 1) },
}));
