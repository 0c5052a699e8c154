/**
 * Where a worker thread's script is: workers execute compiled JavaScript. From the build
 * (`dist/src/<dir>/x.js`) the worker is a sibling file; when the module starting it runs from
 * TypeScript source (vitest), the worker comes from the build at `<repo>/dist/src/<dir>/`
 * (`npm test` builds first through `pretest`). Used by the sweep's pool (sweep/pool.ts) and the
 * setup probe's thread (sim/probe-thread.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
