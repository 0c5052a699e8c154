import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/app.js';
import { writeRunResults } from '../../src/output/results.js';
import { syntheticResult } from '../output/sampleResult.js';

const PLOT_FILE = /\.(vl\.json|svg)$|^report\.html$/;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, out: out.mock.calls.map((c) => String(c[0])).join(''), err: err.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function runFolder(withDevices = true): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'fuota-plot-')), 'run');
  const result = syntheticResult(400, 5);
  result.scenario.outputs = { transmissions: false, devices: withDevices, plots: true, report: true };
  await writeRunResults(dir, result, { force: false, trace: false });
  return dir;
}

describe('fuota-sim plot', () => {
  it('redraws exactly the plots and report the run wrote, from the files alone', async () => {
    const dir = await runFolder();
    const names = readdirSync(dir).filter((n) => PLOT_FILE.test(n)).sort();
    expect(names).toHaveLength(11); // 5 plots × (spec + svg) + report
    const before = new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
    for (const n of names) rmSync(join(dir, n));
    const { code, out } = await cli(['plot', dir]);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(11);
    for (const n of names) expect(readFileSync(join(dir, n), 'utf8'), n).toBe(before.get(n));
  });

  it('writes only vega-lite specs with --format vl --no-report, into --out', async () => {
    const dir = await runFolder();
    const other = join(mkdtempSync(join(tmpdir(), 'fuota-plot-out-')), 'specs');
    mkdirSync(other);
    const { code } = await cli(['plot', dir, '--format', 'vl', '--no-report', '--out', other, '--quiet']);
    expect(code).toBe(0);
    expect(readdirSync(other).sort()).toEqual(
      ['.fuota-sim.json', ...['completion', 'device-map', 'dutycycle', 'energy', 'timeline'].map((n) => `${n}.vl.json`)],
    );
    const spec = JSON.parse(readFileSync(join(other, 'completion.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
  });

  it('leaves out the energy and map plots when the run kept no devices.csv', async () => {
    const dir = await runFolder(false);
    const { code } = await cli(['plot', dir, '--quiet', '--no-report']);
    expect(code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.endsWith('.svg')).sort()).toEqual(['completion.svg', 'dutycycle.svg', 'timeline.svg']);
  });

  it('refuses a folder that is not a results folder with exit code 2 and the missing file named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuota-plot-empty-'));
    const { code, err } = await cli(['plot', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/scenario\.resolved\.json is missing/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const dir = await runFolder();
    const { code, err } = await cli(['plot', dir, '--format', 'png']);
    expect(code).toBe(2);
    expect(err).toMatch(/png/);
  });
});
