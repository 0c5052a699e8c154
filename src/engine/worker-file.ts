/**
 * Where a worker thread's script is: workers execute compiled JavaScript. From the build
 * (`dist/src/<dir>/x.js`) the worker is a sibling file; when the module starting it runs from
 * TypeScript source (vitest), the worker comes from the build at `<repo>/dist/src/<dir>/`
 * (`npm test` builds first through `pretest`). Used by the sweep's pool (sweep/pool.ts), the
 * setup probe's thread (sim/probe-thread.ts), the burst walk-ahead (radio/burst-ahead.ts) and the
 * decoders' ring (sim/decoder-pipe.ts); the last three also share the rule for when a thread runs
 * beside a run (`threadBesideRun`), and the last two the way such a helper thread starts.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';

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
 * Whether a thread runs beside a simulation run (the setup probe, the burst walk-ahead, the decoders'
 * ring): as asked (`wanted`), or by default on a fleet of `minDevices` or more, from the main thread
 * (a sweep's workers already fill the cores) of a machine with a second core, when the thread's
 * compiled script `name`.js is there (not when the simulator runs from its TypeScript source unbuilt).
 */
export function threadBesideRun(wanted: boolean | undefined, devices: number, minDevices: number, name: string, moduleUrl: string): boolean {
  if (wanted !== undefined) return wanted;
  if (!isMainThread || availableParallelism() < 2 || devices < minDevices) return false;
  try {
    resolveWorkerFile(name, moduleUrl);
    return true;
  } catch {
    return false;
  }
}

/**
 * A helper thread running the compiled script `name`.js with `workerData`, whose help the run never
 * depends on for its answers: unref'd (never what keeps the process alive) and its errors ignored
 * (the run does the work itself). The burst walk-ahead and the decoders' ring.
 */
export function startHelperThread(name: string, moduleUrl: string, workerData: unknown): Worker {
  const worker = new Worker(resolveWorkerFile(name, moduleUrl), { workerData });
  worker.unref();
  worker.on('error', () => {});
  return worker;
}

/** Shared memory of `bytes` bytes for a helper thread's views (at least 8, so that an empty fleet still gets a buffer). */
export function sharedBuffer(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(bytes, 8));
}
