/** The committed regression baselines (bench/baselines) are complete and match their scenarios. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { SUMMARY_COLUMNS } from '../../src/sim/types.js';
import { loadSummarySet } from '../../src/sweep/compare.js';
import { planRuns } from '../../src/sweep/plan.js';
import { prepareSweep } from '../../src/sweep/prepare.js';

const root = join(import.meta.dirname, '..', '..', 'bench', 'baselines');
const names = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('regression baselines', () => {
  it('exist for at least two single runs and one sweep', () => {
    const kinds = names.map((n) => loadSummarySet(join(root, n)).kind);
    expect(kinds.filter((k) => k === 'single').length).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain('sweep');
  });

  it.each(names)('%s: a valid scenario and a summary with every metric for every run', (name) => {
    const dir = join(root, name);
    expect(existsSync(join(dir, 'scenario.json'))).toBe(true);
    const { scenario } = loadScenarioFile(join(dir, 'scenario.json'));
    expect(scenario.outputs).toMatchObject({ plots: false, report: false });
    const set = loadSummarySet(dir);
    if (set.kind === 'sweep') {
      const p = prepareSweep(join(dir, 'scenario.json'));
      expect([...set.rows.keys()]).toEqual(planRuns(p.scenarios, p.replications).map((r) => r.runId));
    }
    for (const row of set.rows.values()) expect(Object.keys(row)).toEqual([...SUMMARY_COLUMNS]);
  });
});
