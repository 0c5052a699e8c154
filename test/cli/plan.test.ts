import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../sweep/helpers.js';

const dir = tempDir('plan-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = join(dir, 'fleet.json');
writeFileSync(scenario, JSON.stringify({ name: 'fleet', seed: 3, region: 'EU868', firmware: { sizeBytes: 4096 }, devices: { count: 30, placement: { kind: 'disc', radiusM: 500 } } }));
const grid = ['--classes', 'B,C', '--data-rates', '3,5', '--redundancies', '10,30', '--fragment-sizes', 'max', '--workers', '1', '--quiet'];

interface Row { [k: string]: string }
function planCsv(out: string): Row[] {
  const [head, ...lines] = readFileSync(join(out, 'plan.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  return lines.map((l) => Object.fromEntries(head.map((h, i) => [h, l[i]])));
}

describe('fuota-sim plan', () => {
  it('simulates the grid, writes plan.csv and the plot, and recommends the cheapest setting that qualifies', async () => {
    const out = join(dir, 'plan');
    const r = await runCli(['plan', scenario, ...grid, '--out', out, '--deadline', '6h', '--energy-budget', '500J']);
    expect(r.code).toBe(0);
    const rows = planCsv(out);
    expect(rows.map((x) => `${x.dlClass}/${x.dlDr}/${x.redundancyPercent}/${x.fragmentSizeBytes}`)).toEqual([
      'ClassB/3/10/112', 'ClassB/3/30/112', 'ClassB/5/10/239', 'ClassB/5/30/239',
      'ClassC/3/10/112', 'ClassC/3/30/112', 'ClassC/5/10/239', 'ClassC/5/30/239',
    ]);
    const qualifying = rows.filter((x) => x.timeTo95S !== '' && Number(x.timeTo95S) <= 6 * 3600 && Number(x.energyMeanJ) <= 500);
    expect(qualifying.length).toBeGreaterThan(0);
    const cheapest = [...qualifying].sort((a, b) => Number(a.energyMeanJ) - Number(b.energyMeanJ) || Number(a.timeTo95S) - Number(b.timeTo95S))[0];
    expect(rows.filter((x) => x.recommended === 'true')).toEqual([cheapest]);
    expect(r.stdout).toContain(`Recommended: ${cheapest.dlClass} DR${cheapest.dlDr}, ${cheapest.redundancyPercent} % redundancy, ${cheapest.fragmentSizeBytes}-byte fragments`);
    expect(r.stdout).toMatch(/Pareto front, time to 95 % updated against mean energy per device:\n\s+class\s+DR\s+redundancy/);
    expect(rows.filter((x) => x.paretoFront === 'true').length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'plan.svg'), 'utf8')).toMatch(/^<svg/);
    const spec = JSON.parse(readFileSync(join(out, 'plan.vl.json'), 'utf8'));
    const upper = spec.vconcat[0].data.values as Array<{ front: boolean; chosen: boolean; count: number }>;
    // one mark per outcome; every setting that reached 95 % is behind one of them
    expect(upper.reduce((n, v) => n + v.count, 0)).toBe(rows.filter((x) => x.timeTo95S !== '').length);
    expect(upper.filter((v) => v.chosen)).toHaveLength(1);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Pareto front</h2>');
    expect(html).toContain(`Recommended: ${cheapest.dlClass} DR${cheapest.dlDr}`);
    expect(r.stdout).toContain('(report.html, plan.csv, plan.svg)');
  });

  it('says which constraint binds and exits 1 when no setting meets them', async () => {
    const out = join(dir, 'tight');
    const r = await runCli(['plan', scenario, ...grid, '--out', out, '--deadline', '1s']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No setting meets the deadline of 1(\.0)? s: the deadline binds\. The fastest setting within the energy budget, Class[BC] DR\d/);
    expect(r.stderr).toMatch(/no setting meets the constraints/);
  });

  it('rejects bad durations, energies and grid values with exit 2', async () => {
    const r = await runCli(['plan', scenario, '--deadline', '6 hours', '--energy-budget', '5 joule', '--classes', 'A', '--fragment-sizes', 'huge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--classes: "A" is not allowed/);
    expect(r.stderr).toMatch(/--fragment-sizes: "huge" is not allowed/);
    expect(r.stderr).toMatch(/--deadline: "6 hours" is not a duration/);
    expect(r.stderr).toMatch(/--energy-budget: "5 joule" is not an energy/);
  });
});
