import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fuota-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = join(dir, 'small.json');
writeFileSync(
  scenario,
  JSON.stringify({
    name: 'small',
    firmware: { sizeBytes: 2048, signature: 'ed25519' },
    devices: { count: 12, placement: { kind: 'disc', radiusM: 300 } },
    setup: { mode: 'instant' },
    outputs: { plots: false, report: false },
  }),
);

describe('fuota-sim run', () => {
  it('writes the result files and prints a summary naming the share updated', async () => {
    const out = join(dir, 'out');
    const r = await cli(['run', scenario, '--out', out, '--trace']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^small: 12 of 12 devices updated \(100\.0 %\)/);
    expect(r.out).not.toContain('not updated:');
    // the scenario places its devices but gives no gateways: a note says the default stands in
    expect(r.err).toContain('no gateways given: the default, one gateway at (0, 0), stands in for yours');
    expect(r.err).not.toContain('no devices.placement given');
    for (const f of ['scenario.resolved.json', 'summary.json', 'summary.csv', 'devices.csv', 'transmissions.csv', 'timing.json']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.devicesUpdated).toBe(12);
    expect(readFileSync(join(out, 'devices.csv'), 'utf8').trim().split('\n')).toHaveLength(13);
  });

  it('says in one line per reason why devices were not updated, with the next step', async () => {
    const far = join(dir, 'far.json');
    const positions = [[100, 0], [200, 0], [60_000, 0]];
    writeFileSync(far, JSON.stringify({ ...JSON.parse(readFileSync(scenario, 'utf8')), name: 'far', devices: { count: 3, placement: { kind: 'list', positions } }, setup: { mode: 'classA' } }));
    const r = await cli(['run', far, '--out', join(dir, 'far-out')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^far: 2 of 3 devices updated/);
    expect(r.out).toContain('  not updated:\n    - 1 device (33.3 %) out of coverage: no gateway exchanges class A frames with them');
    expect(r.out).toContain('add gateways near them');
    const summary = JSON.parse(readFileSync(join(dir, 'far-out', 'summary.json'), 'utf8'));
    expect(summary.reasons.noCoverage).toBe(1);
  });

  it('refuses an existing results folder without --force (exit 2), and replaces it with --force', async () => {
    const out = join(dir, 'again');
    expect((await cli(['run', scenario, '--out', out, '--quiet'])).code).toBe(0);
    const refused = await cli(['run', scenario, '--out', out, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--force/);
    expect((await cli(['run', scenario, '--out', out, '--quiet', '--force'])).code).toBe(0);
  });

  it('gives byte-identical files for the same seed, and other files for --seed', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    await cli(['run', scenario, '--out', a, '--quiet']);
    await cli(['run', scenario, '--out', b, '--quiet']);
    await cli(['run', scenario, '--out', c, '--quiet', '--seed', '9']);
    for (const f of ['summary.json', 'devices.csv', 'scenario.resolved.json']) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    expect(readFileSync(join(c, 'devices.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'devices.csv'), 'utf8'));
  });

  it('says that a sweep scenario needs fuota-sim sweep', async () => {
    const sweepFile = join(dir, 'sweep.json');
    writeFileSync(sweepFile, JSON.stringify({ ...JSON.parse(readFileSync(scenario, 'utf8')), name: 'sw', sweep: { 'fuotaTask.redundancyPercent': [10, 20] } }));
    const r = await cli(['run', sweepFile, '--out', join(dir, 'sw'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('fuota-sim sweep');
  });

  it('reports a bad scenario with the field, exit 2 and no stack trace', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'bad', multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 100 } }));
    const r = await cli(['run', bad, '--out', join(dir, 'bad'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('multicastGroup.pingSlotPeriod: 100');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('runs every replication of a scenario and writes summary.json per run and aggregated', async () => {
    const reps = join(dir, 'reps.json');
    writeFileSync(reps, JSON.stringify({ ...JSON.parse(readFileSync(scenario, 'utf8')), name: 'reps', replications: 3, seed: 5 }));
    const out = join(dir, 'reps-out');
    const r = await cli(['run', reps, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^reps: 3 replications/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.runs.map((x: { seed: number }) => x.seed)).toEqual([5, 6, 7]);
    expect(summary.aggregate).toHaveLength(1);
    expect(summary.aggregate[0].n).toBe(3);
    expect(summary.aggregate[0].devices_mean).toBe(12);
    const refused = await cli(['run', reps, '--out', join(dir, 'reps-2'), '--seed', '9']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--seed: .* 3 replications/);
  });
});
