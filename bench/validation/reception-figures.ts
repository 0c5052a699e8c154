/**
 * Tables and figures of the reception-model validation cases (19–22) of docs/validation.md, run by
 * bench/validation-figures.ts: prints the tables and writes docs/img/validation/per-snr.svg and
 * shadowing-correlation.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg } from '../../src/output/svg.js';
import { frame, GUIDE_COLOR, PALETTE } from '../../src/output/plots/theme.js';
import {
  besselJ0, erlangB, fadingCorrelation, implementationLosses, measuredBlocking, perCurves, sensitivityOutOfSample, serComparison, SFS, shadowingCorrelation,
} from './reception-models.js';
import { repoRoot } from './runs.js';
import { alohaRun } from './aloha.js';
import { fieldValue, shadowingField } from '../../src/radio/shadowing.js';

const outDir = join(repoRoot(), 'docs', 'img', 'validation');
const f2 = (x: number) => x.toFixed(2);

function table(head: string[], rows: Array<Array<string | number>>): void {
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
}

export async function receptionFigures(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const ser = serComparison();
  console.log('## SNR (dB) for a symbol error rate: closed form / exact detector\n');
  table(['SF', 'SER 1e-2', 'SER 1e-3', 'SER 1e-4', 'SER 1e-5'], SFS.map((sf) => [sf, ...ser.filter((r) => r.sf === sf).map((r) => `${f2(r.closedDb)} / ${f2(r.exactDb)}`)]));
  console.log(`largest gap: ${f2(Math.max(...ser.map((r) => Math.abs(r.closedDb - r.exactDb))))} dB\n`);

  const losses = implementationLosses();
  console.log('## Implementation loss (dB) per SF\n');
  table(['receiver', ...SFS.map((s) => `SF${s}`)], Object.entries(losses).map(([k, v]) => [k, ...v.map(f2)]));

  const sens = sensitivityOutOfSample();
  console.log('## SX1276 sensitivity (dBm) at 250 / 500 kHz: datasheet / model calibrated at 125 kHz\n');
  table(['BW', ...SFS.map((s) => `SF${s}`)], [250_000, 500_000].map((bw) => [`${bw / 1000} kHz`, ...sens.filter((r) => r.bwHz === bw).map((r) => `${r.datasheetDbm} / ${f2(r.modelDbm)}`)]));
  console.log(`largest gap: ${f2(Math.max(...sens.map((r) => Math.abs(r.modelDbm - r.datasheetDbm))))} dB\n`);

  const deltas = [10, 25, 55, 110, 220, 330, 440];
  const corr = deltas.map((d) => ({ d, seeds: shadowingCorrelation(d, 110, 6000, false), one: shadowingCorrelation(d, 110, 20_000, true), want: Math.exp(-d / 110) }));
  console.log('## Correlated shadowing: correlation at distance Δ (D = 110 m)\n');
  table(['Δ m', 'exp(−Δ/D)', 'over seeds', 'one field'], corr.map((c) => [c.d, f2(c.want), f2(c.seeds), f2(c.one)]));

  const field = shadowingField(1, 0, 110);
  const t0 = process.cpuUsage();
  let sink = 0;
  for (let i = 0; i < 1_000_000; i++) sink += fieldValue(field, (i % 1000) * 7.3, Math.floor(i / 1000) * 7.1);
  const cpu = process.cpuUsage(t0);
  console.log(`correlated shadowing: 1 000 000 device-gateway links in ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU (checksum ${sink.toFixed(0)})\n`);

  console.log('## Clarke fading: power correlation at lag τ (f_D = 1 Hz)\n');
  table(['τ s', 'J0²', 'measured'], [0.05, 0.1, 0.2, 0.4, 1].map((t) => [t, f2(besselJ0(2 * Math.PI * t) ** 2), f2(fadingCorrelation(1, t, 10_000))]));

  console.log('## Demodulation paths: blocking of Poisson arrivals, 8 paths\n');
  table(['load (Erlang)', 'Erlang B', 'measured'], [2, 4, 6, 8, 12].map((a) => [a, erlangB(a, 8).toExponential(2), measuredBlocking(a, 40_000, 3).toExponential(2)]));

  console.log('## Demodulation paths in the uplink medium (US915 sub-band 2, 12 000 Poisson uplinks, seed 5)\n');
  table(['G per channel', 'load (Erlang)', 'Erlang B', 'measured'], [0.5, 1].map((G) => {
    const r = alohaRun({ region: 'US915', G, uplinks: 12_000, devices: 4000, seed: 5, demodulators: 8 });
    return [G, 8 * G, erlangB(8 * G, 8).toFixed(4), (r.blocked / 12_000).toFixed(4)];
  }));

  const curves = perCurves();
  await writeFile('per-snr', {
    ...frame('PER of a 20-byte uplink (33-byte PHY payload) at the gateway', 'Solid: calibrated to the SX1301/SX1302 sensitivity; dashed: ideal detector (Elshabrawy & Robert closed form)'),
    data: { values: curves },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'snrDb', type: 'quantitative', title: 'SNR (dB)' },
      y: { field: 'per', type: 'quantitative', title: 'Packet error rate', scale: { type: 'log', domain: [1e-4, 1] } },
      color: { field: 'sf', type: 'ordinal', title: 'SF', scale: { range: PALETTE } },
      strokeDash: { field: 'model', type: 'nominal', title: null, scale: { domain: ['calibrated (gateway)', 'ideal detector'], range: [[1, 0], [4, 4]] } },
      detail: { field: 'model' },
    },
  });
  const pts = corr.flatMap((c) => [{ d: c.d, r: c.seeds, series: 'fuota-sim, over seeds' }, { d: c.d, r: c.one, series: 'fuota-sim, one field' }]);
  const line = Array.from({ length: 89 }, (_, i) => ({ d: i * 5, r: Math.exp(-(i * 5) / 110), series: 'exp(−Δ/110 m)' }));
  await writeFile('shadowing-correlation', {
    ...frame('Correlated shadowing against the Gudmundson model', 'Correlation of the shadowing of two points Δ apart; line: exp(−Δ/D), D = 110 m'),
    layer: [
      { data: { values: line }, mark: { type: 'line', color: GUIDE_COLOR, strokeDash: [4, 4] }, encoding: { x: { field: 'd', type: 'quantitative', title: 'Δ (m)' }, y: { field: 'r', type: 'quantitative', title: 'Correlation' } } },
      { data: { values: pts }, mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { field: 'd', type: 'quantitative' }, y: { field: 'r', type: 'quantitative' }, color: { field: 'series', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] } } } },
    ],
  });
}

async function writeFile(name: string, spec: Record<string, unknown>): Promise<void> {
  writeFileSync(join(outDir, `${name}.svg`), await renderSvg(spec));
}

