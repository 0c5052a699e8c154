/** A synthetic class × redundancy sweep with known outcomes, for the sweep plot, table and report tests. */
import type { SweepManifest } from '../../src/sweep/manifest.js';
import type { RunCurve } from '../../src/sweep/sweepPlots.js';
import type { RunRecord } from '../../src/sweep/tables.js';
import { MANIFEST } from './manifest-fixture.js';

/** Class B/C × redundancy 5/10/40, two runs each; every session starts 1000 s after its campaign. */
export const SWEEP: SweepManifest = {
  ...MANIFEST,
  points: ['ClassB', 'ClassC'].flatMap((c, i) => [5, 10, 40].map((r, j) => ({ index: 3 * i + j, values: { 'multicastGroup.dlClass': c, 'fuotaTask.redundancyPercent': r } }))),
  runs: Array.from({ length: 12 }, (_, k) => ({ runId: `p${String(k >> 1).padStart(2, '0')}-r${k & 1}`, point: k >> 1, replication: k & 1, seed: 1 + (k & 1) })),
};
/** redundancy 5 never reaches 90 % (60 % updated); 10 reaches it in one run of two; 40 in both */
export const runs: RunRecord[] = SWEEP.runs.map((r) => {
  const red = [5, 10, 40][r.point % 3];
  const reached = red === 40 || (red === 10 && r.replication === 0);
  const updated = red === 5 ? 120 : reached ? 196 : 170;
  return {
    ...r,
    metrics: {
      devices: 200, devicesUpdated: updated, updatedRatio: updated / 200, energyMeanJ: 3 + r.replication,
      timeTo90S: reached ? 1000 + 60 * (r.point + 1) + r.replication * 30 : null, timeTo95S: null,
    },
  };
});
const curve = (halfAtS: number): RunCurve => ({
  completion: [{ timeS: 0, share: 0 }, { timeS: 1000 + halfAtS, share: 0.5 }, { timeS: 1000 + 2 * halfAtS, share: 1 }, { timeS: 5000, share: 1 }],
  sessionStartS: 1000,
});
export const curves = new Map(SWEEP.runs.map((r) => [r.runId, curve(60 + r.point)]));

