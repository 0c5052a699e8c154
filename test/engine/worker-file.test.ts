/** Where a worker thread's compiled script is (engine/worker-file.ts). */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveWorkerFile } from '../../src/engine/worker-file.js';

describe('resolveWorkerFile', () => {
  const root = process.cwd();
  it('finds the built script from a TypeScript module, in the build folder that mirrors its own', () => {
    expect(resolveWorkerFile('pool', pathToFileURL(join(root, 'src', 'sweep', 'pool.ts')).href)).toBe(join(root, 'dist', 'src', 'sweep', 'pool.js'));
    expect(resolveWorkerFile('probe-worker', pathToFileURL(join(root, 'src', 'sim', 'probe-thread.ts')).href)).toBe(join(root, 'dist', 'src', 'sim', 'probe-worker.js'));
  });

  it('finds the sibling script from a built module', () => {
    expect(resolveWorkerFile('worker', pathToFileURL(join(root, 'dist', 'src', 'sweep', 'pool.js')).href)).toBe(join(root, 'dist', 'src', 'sweep', 'worker.js'));
  });

  it('refuses a script the build does not have, saying to build', () => {
    expect(() => resolveWorkerFile('no-such-worker', pathToFileURL(join(root, 'src', 'sweep', 'pool.ts')).href)).toThrow(/npm run build/);
  });
});
