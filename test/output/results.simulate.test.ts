/** End to end: a real simulation written to a results folder, read back and redrawn. */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/output/parseCsv.js';
import { plotFiles } from '../../src/output/plotFiles.js';
import { readRunResults } from '../../src/output/read.js';
import { orderedSummary, writeRunResults } from '../../src/output/results.js';
import { simulate } from '../../src/sim/simulate.js';
import type { RunResult } from '../../src/sim/types.js';
import { makeScenario } from '../helpers/scenario.js';

const scenario = makeScenario({
  devices: { count: 120 },
  channel: { burst: { model: 'gilbert-elliott' } },
  outputs: { transmissions: true, devices: true, plots: true, report: true },
});

describe('results of a real simulation', () => {
  let result: RunResult;
  let dir: string;
  beforeAll(async () => {
    result = simulate(scenario);
    dir = join(mkdtempSync(join(tmpdir(), 'fuota-e2e-')), 'run');
    await writeRunResults(dir, result, { force: false, trace: false });
  });

  it('writes one devices.csv row per device and one transmissions.csv row per frame', () => {
    const devices = parseCsv(readFileSync(join(dir, 'devices.csv'), 'utf8'));
    expect(devices.rows).toHaveLength(120);
    const updated = devices.rows.filter((r) => r[devices.columns.indexOf('status')] === 'Successful').length;
    expect(updated).toBe(result.summary.devicesUpdated);
    const tx = parseCsv(readFileSync(join(dir, 'transmissions.csv'), 'utf8'));
    expect(tx.rows).toHaveLength(result.transmissions.count);
    const fragments = tx.rows.filter((r) => r[tx.columns.indexOf('kind')] === 'fragment');
    expect(fragments.length).toBeGreaterThanOrEqual(result.summary.fragmentsSent);
    expect(fragments.every((r) => Number(r[tx.columns.indexOf('fragmentIndex')]) >= 1)).toBe(true);
  });

  it('stores the summary the simulation computed', () => {
    const stored = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(Object.keys(stored)).toEqual(Object.keys(orderedSummary(result.summary)));
    expect(stored.devices).toBe(120);
    expect(stored.fragmentsSent).toBe(result.summary.fragmentsSent);
    expect(stored.downlinkAirtimeS).toBeCloseTo(result.summary.downlinkAirtimeS, 5);
  });

  it('gives byte-identical files for a second run of the same scenario, timing.json aside', async () => {
    const again = join(mkdtempSync(join(tmpdir(), 'fuota-e2e-')), 'run');
    await writeRunResults(again, simulate(scenario), { force: false, trace: false });
    const names = readdirSync(dir).sort();
    expect(readdirSync(again).sort()).toEqual(names);
    for (const n of names.filter((x) => x !== 'timing.json')) {
      expect(readFileSync(join(again, n), 'utf8') === readFileSync(join(dir, n), 'utf8'), n).toBe(true);
    }
  });

  it('redraws the same plot files from the folder as from memory', async () => {
    const { input, data } = await readRunResults(dir);
    expect(data.deviceRows?.xM).toHaveLength(120);
    expect(data.dutyCycle.series.length).toBeGreaterThan(0);
    for (const [name, content] of await plotFiles(input, data, { format: 'svg', report: true })) {
      expect(content === readFileSync(join(dir, name), 'utf8'), name).toBe(true);
    }
  });
});
