import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../src/sweep/pool.js';

const poolUrl = pathToFileURL(join(process.cwd(), 'dist', 'src', 'sweep', 'pool.js')).href;
const dir = mkdtempSync(join(tmpdir(), 'pool-test-'));
const workerFile = join(dir, 'square.mjs');
// a worker that squares numbers, fails on negatives and exits on 999 (served by the built pool module)
writeFileSync(
  workerFile,
  `import { serveTasks } from ${JSON.stringify(poolUrl)};
serveTasks(async (n) => {
  if (n === 999) process.exit(3);
  if (n < 0) throw new RangeError('negative ' + n);
  return { n, square: n * n };
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker pool', () => {
  it('runs every task on worker threads and returns each result to its caller', async () => {
    const pool = createWorkerPool<number, { n: number; square: number }>(workerFile, 3);
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run(i)));
      expect(results).toEqual(Array.from({ length: 20 }, (_, i) => ({ n: i, square: i * i })));
    } finally {
      await pool.close();
    }
  });

  it('rejects a failing task with the worker error and keeps serving others', async () => {
    const pool = createWorkerPool<number, { square: number }>(workerFile, 2);
    try {
      await expect(pool.run(-2)).rejects.toThrow('negative -2');
      await expect(pool.run(-2)).rejects.toMatchObject({ name: 'RangeError' });
      expect((await pool.run(7)).square).toBe(49);
    } finally {
      await pool.close();
    }
  });

  it('rejects the task of a worker that dies, and tasks still queued at close', async () => {
    const pool = createWorkerPool<number, unknown>(workerFile, 1);
    const dying = pool.run(999);
    await expect(dying).rejects.toThrow(/exit code 3/);
    const queued = pool.run(1);
    await pool.close();
    await expect(queued).rejects.toThrow(/closed/);
    await expect(pool.run(2)).rejects.toThrow(/closed/);
  });

  it('refuses a pool of no worker', () => {
    expect(() => createWorkerPool(workerFile, 0)).toThrow(RangeError);
  });
});
