import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, treeHashes } from '../sweep/helpers.js';

const dir = tempDir('merge-cli');
const tiny = join(import.meta.dirname, '..', 'sweep', 'fixtures', 'tiny-sweep.json');
const shard = (i: number) => join(dir, `shard-${i}`);

beforeAll(async () => {
  for (const i of [1, 2]) {
    const r = await runCli(['sweep', tiny, '--workers', '1', '--shard', `${i}/2`, '--out', shard(i), '--no-plots']);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  await runCli(['sweep', tiny, '--workers', '1', '--out', join(dir, 'whole'), '--no-plots']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuota-sim merge', () => {
  it('joins two shards into the folder one unsharded sweep writes', async () => {
    const r = await runCli(['merge', shard(1), shard(2), '--out', join(dir, 'merged'), '--no-plots']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/merged 24 runs from 2 folder\(s\)/);
    expect(treeHashes(join(dir, 'merged'))).toEqual(treeHashes(join(dir, 'whole')));
  });

  it('refuses an existing --out unless --force, and a missing shard, with exit 2', async () => {
    const again = await runCli(['merge', shard(1), shard(2), '--out', join(dir, 'merged')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    const missing = await runCli(['merge', shard(1), '--out', join(dir, 'half')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/12 of 24 runs are in none of the folders/);
    expect(existsSync(join(dir, 'half'))).toBe(false);
    const notSweep = await runCli(['merge', shard(1), dir, '--out', join(dir, 'x')]);
    expect(notSweep.code).toBe(2);
    expect(notSweep.stderr).toMatch(/not a sweep folder/);
  });
});
