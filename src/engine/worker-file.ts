/**
 * Where a worker thread's script is: workers execute compiled JavaScript. From the build
 * (`dist/src/<dir>/x.js`) the worker is a sibling file; when the module starting it runs from
 * TypeScript source (vitest), the worker comes from the build at `<repo>/dist/src/<dir>/`
 * (`npm test` builds first through `pretest`). Used by the sweep's pool (sweep/pool.ts), the
 * setup probe's thread (sim/probe-thread.ts) and the burst walk-ahead (radio/burst-ahead.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

/** The compiled script `name`.js next to the module at `moduleUrl` (its `import.meta.url`) in the build. */
export function resolveWorkerFile(name: string, moduleUrl: string): string {
  const here = fileURLToPath(moduleUrl);
  // from source (src/<dir>/x.ts), the build mirrors the path under dist/
  const root = resolve(dirname(here), '..', '..');
  const file = here.endsWith('.js')
    ? join(dirname(here), `${name}.js`)
    : join(root, 'dist', relative(root, dirname(here)), `${name}.js`);
  if (!existsSync(file)) {
    throw new Error(`worker script ${file} not found: build the project first (npm run build)`);
  }
  return file;
}

/**
 * The default rule for a thread that runs beside a simulation run (the setup probe, the burst
 * walk-ahead): on a fleet of `minDevices` or more, from the main thread (a sweep's workers already
 * fill the cores) of a machine with a second core, when the thread's compiled script `name`.js is
 * there (not when the simulator runs from its TypeScript source unbuilt).
 */
export function besideRunByDefault(devices: number, minDevices: number, name: string, moduleUrl: string): boolean {
  if (!isMainThread || availableParallelism() < 2 || devices < minDevices) return false;
  try {
    resolveWorkerFile(name, moduleUrl);
    return true;
  } catch {
    return false;
  }
}
