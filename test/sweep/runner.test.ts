/**
 * End-to-end sweeps on the real simulator (2 classes × 4 redundancies × 3 replications, 40 devices,
 * a 4 KiB image). Runs with more than one worker use the built worker (dist/), which `npm test`
 * builds first.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/sweep/merge.js';
import { prepareSweep } from '../../src/sweep/prepare.js';
import { executeSweep, type PreparedSweep } from '../../src/sweep/runner.js';
import { tempDir, treeHashes } from './helpers.js';

const scenarioFile = join(import.meta.dirname, 'fixtures', 'tiny-sweep.json');
const dir = tempDir('sweep-runner');
let prepared: PreparedSweep;
let reference: Record<string, string>;
const ref = join(dir, 'one-worker');

beforeAll(async () => {
  prepared = prepareSweep(scenarioFile);
  await executeSweep(prepared, { workers: 1, out: ref });
  reference = treeHashes(ref);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sweep runner', () => {
  it('writes one folder per run and the sweep tables, plots and manifest', () => {
    const runs = readdirSync(join(ref, 'runs'));
    expect(runs).toHaveLength(24);
    expect(runs[0]).toBe('p00-r0');
    expect(runs.at(-1)).toBe('p07-r2');
    const summary = readFileSync(join(ref, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary).toHaveLength(25);
    expect(summary[0]).toMatch(/^runId,point,replication,seed,multicastGroup\.dlClass,fuotaTask\.redundancyPercent,devices,devicesUpdated,/);
    expect(summary[1]).toMatch(/^p00-r0,0,0,7,ClassB,0,40,/);
    expect(summary[6]).toMatch(/^p01-r2,1,2,9,ClassB,10,40,/);
    expect(summary[24]).toMatch(/^p07-r2,7,2,9,ClassC,40,40,/);
    const aggregate = readFileSync(join(ref, 'aggregate.csv'), 'utf8').trim().split('\n');
    expect(aggregate).toHaveLength(9);
    expect(aggregate[0]).toMatch(/^point,multicastGroup\.dlClass,fuotaTask\.redundancyPercent,n,devices_mean,devices_sd,devices_ci95Low,devices_ci95High,/);
    expect(aggregate[1]).toMatch(/^0,ClassB,0,3,40,0,40,40,/);
    expect(Object.keys(reference)).toEqual(expect.arrayContaining(['sweep.json', 'completion.svg', 'energyMeanJ-vs-redundancyPercent.vl.json', 'report.html']));
    const run = JSON.parse(readFileSync(join(ref, 'runs', 'p05-r1', 'scenario.resolved.json'), 'utf8'));
    expect(run).toMatchObject({ seed: 8, replications: 1, sweep: null, multicastGroup: { dlClass: 'ClassC' }, fuotaTask: { redundancyPercent: 10 } });
  });

  it('aggregates each point as mean, sd and Student-t 95 % interval of its replications', () => {
    const rows = readFileSync(join(ref, 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = rows[0].indexOf('energyMeanJ');
    const xs = rows.slice(4, 7).map((r) => Number(r[col])); // point 1
    const agg = readFileSync(join(ref, 'aggregate.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const at = (name: string) => Number(agg[2][agg[0].indexOf(name)]);
    const m = (xs[0] + xs[1] + xs[2]) / 3;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / 2);
    expect(at('energyMeanJ_mean')).toBeCloseTo(m, 5);
    expect(at('energyMeanJ_sd')).toBeCloseTo(sd, 5);
    expect(at('energyMeanJ_ci95High') - at('energyMeanJ_mean')).toBeCloseTo((4.302652729749411 * sd) / Math.sqrt(3), 5);
  });

  it('gives byte-identical files with 2 workers', async () => {
    const out = join(dir, 'two-workers');
    const o = await executeSweep(prepared, { workers: 2, out });
    expect(o).toMatchObject({ runsExecuted: 24, runsSkipped: 0, complete: true });
    expect(treeHashes(out)).toEqual(reference);
  });

  it('gives byte-identical files when 2 shards are merged', async () => {
    const s1 = await executeSweep(prepared, { workers: 2, shard: { index: 1, count: 2 }, out: join(dir, 'shard-1') });
    const s2 = await executeSweep(prepared, { workers: 1, shard: { index: 2, count: 2 }, out: join(dir, 'shard-2') });
    expect([s1.runsExecuted, s2.runsExecuted, s1.complete]).toEqual([12, 12, false]);
    expect(readdirSync(join(dir, 'shard-2', 'runs'))).toContain('p00-r1');
    const merged = await mergeShards([join(dir, 'shard-2'), join(dir, 'shard-1')], join(dir, 'merged'));
    expect(merged.complete).toBe(true);
    expect(treeHashes(join(dir, 'merged'))).toEqual(reference);
  });

  it('loses nothing when killed mid-way and resumed, and removes stale temporary folders', async () => {
    const out = join(dir, 'killed');
    const kill = (done: number) => {
      if (done === 5) throw new Error('simulated kill');
    };
    await expect(executeSweep(prepared, { workers: 2, out, onProgress: kill })).rejects.toThrow('simulated kill');
    const before = readdirSync(join(out, 'runs')).filter((n) => !n.startsWith('.tmp-'));
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(24);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);
    const stale = join(out, 'runs', '.tmp-p07-r2-999999-0badf00d');
    mkdirSync(stale);
    writeFileSync(join(stale, 'summary.json'), '{"devi');
    const staleTable = join(out, '.tmp-summary.csv-999999-0badf00d');
    writeFileSync(staleTable, 'runId,po');
    await expect(executeSweep(prepared, { workers: 1, out })).rejects.toThrow(/already exists; pass --resume/);
    const o = await executeSweep(prepared, { workers: 2, out, resume: true });
    expect(o.runsSkipped).toBe(before.length);
    expect(o.runsExecuted).toBe(24 - before.length);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(staleTable)).toBe(false);
    expect(treeHashes(out)).toEqual(reference);
  });

  it('reruns on --resume every run folder it cannot trust: empty, without summary.json, foreign summary, another run', async () => {
    const out = join(dir, 'damaged');
    cpSync(ref, out, { recursive: true });
    for (const f of readdirSync(join(out, 'runs', 'p00-r0'))) rmSync(join(out, 'runs', 'p00-r0', f));
    rmSync(join(out, 'runs', 'p00-r1', 'summary.json'));
    writeFileSync(join(out, 'runs', 'p01-r0', 'summary.json'), '{"a":1}');
    cpSync(join(out, 'runs', 'p02-r0', '.fuota-sim.json'), join(out, 'runs', 'p01-r1', '.fuota-sim.json'));
    const o = await executeSweep(prepared, { workers: 1, out, resume: true });
    expect(o).toMatchObject({ runsRedone: 4, runsExecuted: 4, runsSkipped: 20, complete: true });
    expect(treeHashes(out)).toEqual(reference);
  });

  it('refuses to resume a folder whose sweep.json is truncated, and --force on a folder it did not write', async () => {
    const out = join(dir, 'truncated');
    cpSync(ref, out, { recursive: true });
    writeFileSync(join(out, 'sweep.json'), readFileSync(join(ref, 'sweep.json'), 'utf8').slice(0, 200));
    await expect(executeSweep(prepared, { workers: 1, out, resume: true })).rejects.toThrow(/sweep\.json: not valid JSON \(line \d+, column \d+\).*--force/);
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await expect(executeSweep(prepared, { workers: 1, out: foreign, force: true })).rejects.toThrow(/not written by fuota-sim/);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
  });

  it('resumes a complete sweep without running anything, and refuses a different scenario', async () => {
    const o = await executeSweep(prepared, { workers: 1, out: ref, resume: true });
    expect(o.runsExecuted).toBe(0);
    expect(treeHashes(ref)).toEqual(reference);
    const other = { ...prepared, replications: 2 };
    await expect(executeSweep(other, { workers: 1, out: ref, resume: true })).rejects.toThrow(/different scenario.*--force/);
  });

  it('refuses to merge shards of different sweeps, and an incomplete set of shards', async () => {
    const other = { ...prepared, scenarios: prepared.scenarios.map((s) => ({ ...s, seed: s.seed + 100 })) };
    await executeSweep(other, { workers: 1, shard: { index: 2, count: 2 }, out: join(dir, 'other-2'), plots: false });
    await expect(mergeShards([join(dir, 'shard-1'), join(dir, 'other-2')], join(dir, 'bad'))).rejects.toThrow(/different sweep/);
    await expect(mergeShards([join(dir, 'shard-1')], join(dir, 'bad'))).rejects.toThrow(/12 of 24 runs are in none of the folders \(p00-r1, p01-r0/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
