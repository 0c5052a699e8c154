/**
 * What numbering the devices in space would give the whole simulator, before building it
 * (docs/benchmarks.md, "One record per device, and devices numbered in space"):
 * `node dist/bench/numbered-in-space.js <scenario.json> <devices> [cellM] [rounds]`.
 *
 * The scenario's devices must be placed at random (a disc or a ring). The script draws their
 * positions as the simulator does (placement.ts, the same seed) and writes them to two csv files in
 * a new folder under the system's temporary folder: in the order drawn, and ordered by square cell
 * of `cellM` metres (default 1500, the benchmark grid's gateway spacing), row by row, the order drawn
 * within a cell. Two scenarios place the devices at those files; they are the same fleet, numbered
 * two ways. It then runs `bench/sim-once.js` on each (`--probe-thread off`), one after the other in
 * the order A B B A …, and prints each run's figures. Per-device draws are keyed by the device's
 * number, so the two runs are equal in law, not byte for byte; the work (events, uplinks, device-frames
 * evaluated) is printed to show it is alike.
 *
 * The simulator does not number devices this way: the placement keeps device i where it is when
 * the fleet grows (placement.ts), which sweeps over fleet size rely on. An order in space would
 * have to be the simulator's own, translated at every draw and output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveScenario } from '../src/scenario/resolve.js';
import { placeDevices } from '../src/sim/placement.js';

const here = dirname(fileURLToPath(import.meta.url));
const [file, devicesArg, cellArg, roundsArg] = process.argv.slice(2);
if (file === undefined || devicesArg === undefined) {
  console.error('usage: node dist/bench/numbered-in-space.js <scenario.json> <devices> [cellM] [rounds]');
  process.exit(2);
}
const devices = Number(devicesArg);
const cellM = Number(cellArg ?? 1500);
const rounds = Number(roundsArg ?? 2);
const raw = JSON.parse(readFileSync(file, 'utf8')) as { devices: { count: number; placement?: unknown } };
raw.devices.count = devices;
const s = resolveScenario(raw, { baseDir: dirname(resolve(file)), allowLarge: true });
const placement = s.devices.placement;
if (placement.kind !== 'disc' && placement.kind !== 'ring') {
  console.error(`numbered-in-space: devices.placement must be a disc or a ring, not ${placement.kind}`);
  process.exit(2);
}
const { xM, yM } = placeDevices(placement, devices, s.seed);
let minX = Infinity;
let minY = Infinity;
for (let d = 0; d < devices; d++) {
  minX = Math.min(minX, xM[d]);
  minY = Math.min(minY, yM[d]);
}
const cellX = (d: number) => Math.floor((xM[d] - minX) / cellM);
const cellY = (d: number) => Math.floor((yM[d] - minY) / cellM);
const inSpace = Array.from({ length: devices }, (_, d) => d).sort((a, b) => cellY(a) - cellY(b) || cellX(a) - cellX(b) || a - b);
const drawn = Array.from({ length: devices }, (_, d) => d);

const dir = mkdtempSync(join(tmpdir(), 'fuota-sim-numbering-'));
const scenarioFor = (name: string, order: number[]): string => {
  // String(x) round-trips a double exactly, so the csv holds the drawn positions
  writeFileSync(join(dir, `${name}.csv`), 'x,y\n' + order.map((d) => `${xM[d]},${yM[d]}`).join('\n') + '\n');
  const copy = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; devices: { count: number; placement?: unknown } };
  copy.name = `${copy.name ?? 'scenario'}-${name}`;
  copy.devices.placement = { kind: 'csv', file: `${name}.csv` };
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(copy, null, 2) + '\n');
  return path;
};
const runs = { drawn: scenarioFor('drawn', drawn), 'in-space': scenarioFor('in-space', inSpace) };
console.log(`${devices} devices of ${file}, numbered as drawn and by ${cellM} m cell; scenarios in ${dir}`);

const simOnce = join(here, 'sim-once.js');
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? (['drawn', 'in-space'] as const) : (['in-space', 'drawn'] as const);
  for (const name of order) {
    const out = execFileSync(process.execPath, [simOnce, runs[name], String(devices), '--probe-thread', 'off'], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const m = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
    const pick = ['cpuS', 'wallS', 'events', 'uplinks', 'deviceFramesEvaluated', 'peakRssMiB', 'updatedRatio'];
    console.log(JSON.stringify({ round: r, numbering: name, ...Object.fromEntries(pick.map((k) => [k, typeof m[k] === 'number' ? +m[k].toFixed(3) : m[k]])) }));
  }
}
