/**
 * The researcher's example of docs/examples/reception-sweep.md: threshold against SINR reception as
 * the fleet grows.
 *
 *   npm run build && node dist/bench/examples/reception-sweep.js [--out DIR]
 *
 * Runs the sweep of scenarios/sweep-reception.json (the same as `fuota-sim sweep`), then writes
 * docs/examples/reception-sweep.csv (one tidy row per point) and docs/img/examples/reception-sweep.svg
 * (background delivery and share of devices updated against the fleet size, one line per model).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runSweep } from '../../src/sweep/prepare.js';
import { renderSvg } from '../../src/output/svg.js';
import { frame, PALETTE } from '../../src/output/plots/theme.js';
import { repoRoot } from '../validation/runs.js';

const METRICS = ['backgroundPdr', 'uplinkCollisions', 'updatedRatio', 'timeTo95S'] as const;

async function main(): Promise<void> {
  const root = repoRoot();
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1] : join(tmpdir(), 'fuota-sim-reception-sweep');
  const outcome = await runSweep(join(root, 'scenarios', 'sweep-reception.json'), { out, force: true, quiet: true, plots: false });
  const lines = readFileSync(join(outcome.outDir, 'aggregate.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const head = lines[0];
  const col = (name: string) => head.indexOf(name);
  const rows = lines.slice(1).map((r) => {
    const row: Record<string, string | number | null> = { reception: r[col('channel.reception')], devices: Number(r[col('devices.count')]), runs: Number(r[col('n')]) };
    for (const m of METRICS) for (const k of ['mean', 'ci95Low', 'ci95High']) {
      const v = r[col(`${m}_${k}`)];
      row[`${m}_${k}`] = v === '' ? null : Number(v);
    }
    return row;
  });
  const csvHead = Object.keys(rows[0]);
  const csv = [csvHead.join(','), ...rows.map((r) => csvHead.map((k) => r[k] ?? '').join(','))].join('\n') + '\n';
  mkdirSync(join(root, 'docs', 'examples'), { recursive: true });
  mkdirSync(join(root, 'docs', 'img', 'examples'), { recursive: true });
  writeFileSync(join(root, 'docs', 'examples', 'reception-sweep.csv'), csv);
  console.log(csv);
  const points = rows.flatMap((r) => [
    { panel: 'Background uplinks delivered', devices: r.devices, reception: r.reception, mean: r.backgroundPdr_mean, low: r.backgroundPdr_ci95Low, high: r.backgroundPdr_ci95High },
    { panel: 'Devices updated', devices: r.devices, reception: r.reception, mean: r.updatedRatio_mean, low: r.updatedRatio_ci95Low, high: r.updatedRatio_ci95High },
  ]);
  const x = { field: 'devices', type: 'quantitative', title: 'Devices', scale: { type: 'log', domain: [200, 5000] } };
  const color = { field: 'reception', type: 'nominal', title: 'channel.reception', scale: { domain: ['threshold', 'sinr'], range: [PALETTE[0], PALETTE[1]] } };
  const spec = {
    ...frame('Threshold against SINR reception as the fleet grows', 'One gateway, 20-byte uplinks every 5 min during a class C campaign; mean of 2 seeds, bars 95 % CI', { width: 260, height: 220 }),
    data: { values: points },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        { mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'Share', axis: { format: '~%' }, scale: { domain: [0, 1] } }, color } },
        { mark: { type: 'rule' }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
      ],
    },
  };
  writeFileSync(join(root, 'docs', 'img', 'examples', 'reception-sweep.svg'), await renderSvg(spec));
}

await main();
