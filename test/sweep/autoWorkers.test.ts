import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeAuto, GAIN, MEASURE_S, workersWorthStarting, WORKER_LOAD_S } from '../../src/sweep/autoWorkers.js';
import type { RunTask } from '../../src/sweep/execute.js';
import { planRuns } from '../../src/sweep/plan.js';
import { prepareSweep } from '../../src/sweep/prepare.js';
import { tempDir, treeHashes } from './helpers.js';

describe('whether worker threads pay', () => {
  // run times measured in one thread on a 2-vCPU machine (docs/benchmarks.md): 200-device runs warming up, then 2.4 s runs
  const short = [0.47, 0.29, 0.14, 0.075, 0.06];
  it('keeps short runs in this thread: two workers would save less than the start-up they cost', () => {
    expect(short.reduce((a, b) => a + b)).toBeGreaterThan(MEASURE_S);
    expect(workersWorthStarting(short, 19, 2, 2)).toBe(0);
    // 19 × 0.06 s here against 0.2 + (0.47 − 0.06) + 19 × 0.06 / 2 with two workers: 1.14 s against 1.18 s
    const here = 19 * 0.06;
    const two = WORKER_LOAD_S + (0.47 - 0.06) + here / 2;
    expect(two).toBeGreaterThan((1 - GAIN) * here);
  });

  it('hands long runs to as many workers as there are idle cores', () => {
    expect(workersWorthStarting([2.4], 19, 8, 2)).toBe(2);
    expect(workersWorthStarting([2.4], 19, 8, 3.6)).toBe(3);
    expect(workersWorthStarting([2.4], 19, 2, 8)).toBe(2); // never more than allowed
    expect(workersWorthStarting([2.4], 19, 8, 1.4)).toBe(0); // the other cores are busy
  });

  it('measures at least MEASURE_S of work first and never starts workers for fewer than two runs', () => {
    expect(workersWorthStarting([MEASURE_S / 2], 100, 8, 8)).toBe(0);
    expect(workersWorthStarting([5], 1, 8, 8)).toBe(0);
    expect(workersWorthStarting([5], 2, 8, 8)).toBe(2);
  });
});

describe('automatic worker threads', () => {
  const dir = tempDir('auto-workers');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const prepared = prepareSweep(join(import.meta.dirname, 'fixtures', 'tiny-sweep.json'));
  const tasks = (runsDir: string): RunTask[] => {
    mkdirSync(runsDir, { recursive: true });
    const scenarios = prepared.scenarios.map((s) => ({ ...s, outputs: { ...s.outputs, plots: false, report: false } }));
    return planRuns(scenarios, prepared.replications).map((r) => ({ runId: r.runId, scenario: r.scenario, runsDir, trace: false }));
  };

  it('runs everything in this thread when no core is idle, and hands over to workers when runs are long, with the same files', async () => {
    const here = join(dir, 'here');
    const doneHere: string[] = [];
    let spawned = -1;
    await executeAuto(tasks(here), (d) => doneHere.push(d.runId), { idle: () => 0, onWorkers: (w) => (spawned = w) });
    expect(spawned).toBe(-1);
    expect(doneHere).toHaveLength(24);

    // a clock on which every run takes 2 s: after the first, two workers take the other 23
    const pooled = join(dir, 'pooled');
    let t = 0;
    const doneBoth: string[] = [];
    await executeAuto(tasks(pooled), (d) => doneBoth.push(d.runId), { idle: () => 2, maxWorkers: 2, nowS: () => (t += 1), onWorkers: (w) => (spawned = w) });
    expect(spawned).toBe(2);
    expect([...doneBoth].sort()).toEqual([...doneHere].sort());
    expect(treeHashes(pooled)).toEqual(treeHashes(here));
  });
});
