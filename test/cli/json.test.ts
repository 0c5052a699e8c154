/**
 * `--json` of run, sweep, plan and compare (cli/json.ts, docs/results.md "Machine-readable output"):
 * one JSON object on standard output and nothing else there, the exit codes unchanged.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../sweep/helpers.js';

const dir = tempDir('json-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  firmware: { sizeBytes: 2048, signature: 'none' },
  devices: { count: 8, placement: { kind: 'list', positions: [[100, 0], [0, 150], [-200, 0], [0, -250], [300, 300], [-300, 100], [50, 50], [60_000, 0]] } },
  gateways: { positions: [[0, 0]] },
  setup: { mode: 'instant' },
  outputs: { plots: false, report: false },
};
const file = (name: string, extra: Record<string, unknown> = {}): string => {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ name, ...base, ...extra }));
  return path;
};

/** Standard output as the one JSON object it must be. */
function oneObject(stdout: string): Record<string, any> {
  expect(stdout.endsWith('}\n')).toBe(true);
  const value = JSON.parse(stdout);
  expect(typeof value).toBe('object');
  return value;
}

describe('run --json', () => {
  const scenario = file('one');
  const out = join(dir, 'one');

  it('prints the summary as summary.json holds it, why devices were not updated, and the files', async () => {
    const r = await runCli(['run', scenario, '--out', out, '--json']);
    expect(r.code).toBe(0);
    const j = oneObject(r.stdout);
    expect(j.command).toBe('run');
    expect(j).toMatchObject({ name: 'one', seed: 1, outDir: out, pcap: null });
    expect(j.summary).toEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    expect(j.files).toContain(join(out, 'devices.csv'));
    // the device 60 km away: no coverage, with the line the text summary prints
    expect(j.notUpdated).toEqual([{ reason: 'noCoverage', devices: 1, text: expect.stringMatching(/^1 device \(12\.5 %\) out of coverage/) }]);
  });

  it('prints the aggregate of replications', async () => {
    const r = await runCli(['run', file('reps', { replications: 2 }), '--out', join(dir, 'reps'), '--json']);
    expect(r.code).toBe(0);
    const j = oneObject(r.stdout);
    expect(j).toMatchObject({ command: 'run', name: 'reps', replications: 2, complete: true, runs: { planned: 2, executed: 2 } });
    expect(j.points).toHaveLength(1);
    expect(j.points[0].n).toBe(2);
    expect(j.points[0].metrics.devices).toEqual({ mean: 8, sd: 0, ci95Low: 8, ci95High: 8 });
  });

  it('prints nothing on standard output for bad input: the problem goes to standard error, exit 2', async () => {
    const r = await runCli(['run', join(dir, 'missing.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.json');
  });
});

describe('sweep --json', () => {
  it('prints per sweep point its values, runs and every metric\'s mean, sd and interval', async () => {
    const out = join(dir, 'sw');
    const r = await runCli(['sweep', file('sw', { sweep: { 'fuotaTask.redundancyPercent': [5, 40] } }), '--out', out, '--workers', '1', '--quiet', '--no-plots', '--json']);
    expect(r.code).toBe(0);
    const j = oneObject(r.stdout);
    expect(j).toMatchObject({ command: 'sweep', name: 'sw', outDir: out, sweptPaths: ['fuotaTask.redundancyPercent'], complete: true });
    expect(j.points.map((p: { values: unknown }) => p.values)).toEqual([{ 'fuotaTask.redundancyPercent': 5 }, { 'fuotaTask.redundancyPercent': 40 }]);
    const rows = readFileSync(join(out, 'aggregate.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = rows[0].indexOf('fragmentsCoded_mean');
    expect(j.points.map((p: any) => p.metrics.fragmentsCoded.mean)).toEqual(rows.slice(1).map((row) => Number(row[col])));
    expect(j.points[1].metrics.reasonNoCoverage.mean).toBe(1);
  });
});

describe('compare --json', () => {
  it('gives each value its verdict and the overall result, with the exit codes of the text output', async () => {
    const a = join(dir, 'cmp-a');
    const b = join(dir, 'cmp-b');
    await runCli(['run', file('cmp'), '--out', a, '--quiet']);
    await runCli(['run', file('cmp'), '--out', b, '--quiet', '--seed', '9']);
    const same = await runCli(['compare', a, a, '--json']);
    expect(same.code).toBe(0);
    const ok = oneObject(same.stdout);
    expect(ok).toMatchObject({ command: 'compare', result: 'ok', changed: 0, missing: 0, runs: 1 });
    expect(ok.rows.length).toBe(ok.values);
    const moved = await runCli(['compare', a, b, '--json', '--changes-only']);
    expect(moved.code).toBe(1);
    const bad = oneObject(moved.stdout);
    expect(bad.result).toBe('regression');
    expect(bad.changed).toBeGreaterThan(0);
    expect(bad.rows.every((row: { verdict: string }) => row.verdict === 'CHANGED')).toBe(true);
    expect(bad.rows).toHaveLength(bad.changed);
    const malformed = await runCli(['compare', a, join(dir, 'nothing-here'), '--json']);
    expect(malformed.code).toBe(2);
    expect(malformed.stdout).toBe('');
  });
});

describe('plan --json', () => {
  it('prints the Pareto front and the recommendation with its sentence', async () => {
    const scenario = file('plan', { devices: { count: 10, placement: { kind: 'disc', radiusM: 400 } } });
    const out = join(dir, 'plan');
    const r = await runCli(['plan', scenario, '--classes', 'C', '--data-rates', '5', '--redundancies', '10,30', '--fragment-sizes', 'max', '--workers', '1', '--quiet', '--out', out, '--deadline', '6h', '--json']);
    expect(r.code).toBe(0);
    const j = oneObject(r.stdout);
    expect(j).toMatchObject({ command: 'plan', outDir: out, deadlineS: 21600, energyBudgetJ: null, settings: 2 });
    expect(j.front.length).toBeGreaterThan(0);
    expect(j.absent).toEqual([]); // one class only, and it is on the front
    expect(j.recommendation.choice).not.toBeNull();
    expect(j.front.map((c: { point: number }) => c.point)).toContain(j.recommendation.choice.point);
    expect(j.recommendation.text).toMatch(/^Recommended: ClassC DR5, (10|30) % redundancy/);
  });
});
