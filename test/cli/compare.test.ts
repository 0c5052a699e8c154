import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS } from '../../src/sim/types.js';
import { runCli } from '../sweep/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(name: string, values: Record<string, number | null>): string {
  mkdirSync(join(dir, name), { recursive: true });
  const file = join(dir, name, 'summary.json');
  writeFileSync(file, JSON.stringify(values));
  return join(dir, name);
}

/** A complete summary (compare refuses one that lacks metrics): every metric, four of them chosen. */
const values: Record<string, number | null> = {
  ...Object.fromEntries(SUMMARY_COLUMNS.map((m) => [m, 1])),
  devices: 50, devicesUpdated: 48, timeTo95S: 1200.5, energyMeanJ: 0.75,
};
const n = SUMMARY_COLUMNS.length;

describe('fuota-sim compare', () => {
  it('passes (exit 0) on an identical result and prints the table', async () => {
    const r = await runCli(['compare', summary('base', values), summary('same', { ...values })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/timeTo95S\s+1200\.5\s+1200\.5\s+0\s+0\s+ok/);
    expect(r.stdout).toMatch(new RegExp(`ok: ${n} values in 1 run\\(s\\) within tolerance`));
  });

  it('fails (exit 1) when the baseline differs, naming the metric and the update command', async () => {
    const r = await runCli(['compare', summary('base', values), summary('changed', { ...values, energyMeanJ: 0.8 })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/energyMeanJ\s+0\.75\s+0\.8\s+\+6\.67\s+0\s+CHANGED/);
    expect(r.stderr).toMatch(new RegExp(`1 of ${n} values moved beyond their tolerance \\(energyMeanJ\\).*--update`));
  });

  it('accepts the change within a tolerance', async () => {
    const r = await runCli(['compare', join(dir, 'base'), join(dir, 'changed'), '--tolerance', 'energyMeanJ=7']);
    expect(r.code).toBe(0);
  });

  it('exits 2 for an unreadable input or a bad tolerance', async () => {
    expect((await runCli(['compare', join(dir, 'base'), join(dir, 'missing')])).code).toBe(2);
    const bad = await runCli(['compare', join(dir, 'base'), join(dir, 'same'), '--tolerance', 'nope=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown metric "nope"/);
  });

  it('exits 2, not 1, for a summary that lacks metrics or holds a non-number', async () => {
    const lacking = await runCli(['compare', join(dir, 'base'), summary('lacking', { devices: 50, devicesUpdated: 48 })]);
    expect(lacking.code).toBe(2);
    expect(lacking.stderr).toMatch(/lacks \d+ of the \d+ summary metrics/);
    const blank = await runCli(['compare', join(dir, 'base'), summary('blank', { ...values, devices: ' ' } as never)]);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/devices is " ", not a number/);
    const unreadable = join(dir, 'unreadable');
    mkdirSync(join(unreadable, 'summary.json'), { recursive: true }); // a folder where the file should be
    const r = await runCli(['compare', join(dir, 'base'), unreadable]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('--update rewrites the baseline so that the next compare passes', async () => {
    const base = summary('to-update', values);
    const cur = summary('newer', { ...values, devicesUpdated: 49 });
    expect((await runCli(['compare', base, cur])).code).toBe(1);
    const u = await runCli(['compare', base, cur, '--update']);
    expect(u.code).toBe(0);
    expect(JSON.parse(readFileSync(join(base, 'summary.json'), 'utf8')).devicesUpdated).toBe(49);
    expect((await runCli(['compare', base, cur])).code).toBe(0);
  });
});
