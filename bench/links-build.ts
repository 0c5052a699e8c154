/**
 * The link table of a fleet (sim/links.ts `buildLinks`): path loss and shadowing for every
 * device–gateway pair. `node dist/bench/links-build.js <scenario.json> <devices> [other-build/dist]`
 * builds the world once, then times this build's `buildLinks` on its positions, alternated A B B A
 * with another build's when given, and checks that every table is the first one to the bit.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveScenario } from '../src/scenario/resolve.js';
import { buildLinks } from '../src/sim/links.js';
import { buildWorld } from '../src/sim/world.js';

type BuildLinks = typeof buildLinks;

const [file, countArg, other] = process.argv.slice(2);
if (!file || !countArg) {
  console.error('usage: node dist/bench/links-build.js <scenario.json> <devices> [other-build/dist]');
  process.exit(2);
}
const raw = JSON.parse(readFileSync(file, 'utf8'));
raw.devices.count = Number(countArg);
const scenario = resolveScenario(raw, { baseDir: dirname(resolve(file)), allowLarge: true });
const world = buildWorld(scenario);
const builds: Record<string, BuildLinks> = { 'this build': buildLinks };
if (other) {
  const mod = (await import(pathToFileURL(resolve(other, 'src/sim/links.js')).href)) as { buildLinks: BuildLinks };
  builds[other] = mod.buildLinks;
}
const names = Object.keys(builds);
const order = names.length === 1 ? [names[0], names[0]] : [names[1], names[0], names[0], names[1]];
const reference = world.links.lossDb;
for (const name of order) {
  const t0 = performance.now();
  const links = builds[name](scenario, world.positions, world.radio.freqHz);
  const s = (performance.now() - t0) / 1000;
  let same = links.lossDb.length === reference.length;
  for (let i = 0; same && i < reference.length; i++) same = Object.is(links.lossDb[i], reference[i]);
  console.log(`${name}: ${s.toFixed(2)} s for ${reference.length} links, ${same ? 'the same table' : 'A DIFFERENT TABLE'}`);
}
