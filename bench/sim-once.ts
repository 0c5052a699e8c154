/**
 * One benchmark run in its own process (so its peak memory is its own):
 * `node dist/bench/sim-once.js <scenario.json> <devices>` prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveScenario } from '../src/scenario/resolve.js';
import { simulate } from '../src/sim/simulate.js';

const [file, countArg] = process.argv.slice(2);
const raw = JSON.parse(readFileSync(file, 'utf8')) as { devices: { count: number } };
raw.devices.count = Number(countArg);
const scenario = resolveScenario(raw, { baseDir: dirname(resolve(file)) });
const baseRss = process.memoryUsage().rss;
const t0 = performance.now();
const r = simulate(scenario);
const wallS = (performance.now() - t0) / 1000;
let receptions = 0;
for (let d = 0; d < r.devices.count; d++) receptions += r.devices.fragmentsReceived[d];
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    devices: r.devices.count,
    wallS,
    events: r.summary.events,
    eventsPerS: r.summary.events / wallS,
    receptionsPerS: receptions / wallS,
    peakRssMiB: peakRss / 2 ** 20,
    bytesPerDevice: Math.max(0, peakRss - baseRss) / r.devices.count,
    updatedRatio: r.summary.updatedRatio,
    timeTo95S: r.summary.timeTo95S,
  }),
);
