import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestText } from '../../src/sweep/manifest.js';
import { mergeShards } from '../../src/sweep/merge.js';
import { tempDir, treeHashes } from './helpers.js';
import { MANIFEST, RECORDS } from './manifest-fixture.js';

const dir = tempDir('merge');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shard folder holding the given runs (summary.json only), with an optional changed value. */
function shard(name: string, runIds: string[], hash = MANIFEST.scenarioHash, devices = 10): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'runs'), { recursive: true });
  writeFileSync(join(d, 'sweep.json'), manifestText({ ...MANIFEST, scenarioHash: hash }));
  for (const r of RECORDS.filter((x) => runIds.includes(x.runId))) {
    mkdirSync(join(d, 'runs', r.runId));
    writeFileSync(join(d, 'runs', r.runId, 'summary.json'), JSON.stringify({ ...r.metrics, devices }));
  }
  return d;
}

describe('merging shard folders', () => {
  it('takes every run once, also from overlapping shards with the same results', async () => {
    const a = shard('a', ['p00-r0', 'p01-r0']);
    const b = shard('b', ['p00-r1', 'p01-r1', 'p01-r0']);
    const m = await mergeShards([a, b], join(dir, 'out'), { plots: false });
    expect(m.complete).toBe(true);
    expect([...m.sources.entries()].map(([id, from]) => `${id}<${from.slice(-1)}`)).toEqual(['p00-r0<a', 'p00-r1<b', 'p01-r0<a', 'p01-r1<b']);
    expect(Object.keys(treeHashes(join(dir, 'out')))).toEqual([
      'aggregate.csv', 'runs/p00-r0/summary.json', 'runs/p00-r1/summary.json', 'runs/p01-r0/summary.json', 'runs/p01-r1/summary.json',
      'summary.csv', 'summary.json', 'sweep.json',
    ]);
  });

  it('refuses a run whose results differ between shards, other sweeps, and --out among the inputs', async () => {
    const a = shard('c', ['p00-r0', 'p00-r1', 'p01-r0', 'p01-r1']);
    const b = shard('d', ['p01-r1'], MANIFEST.scenarioHash, 11);
    await expect(mergeShards([a, b], join(dir, 'x'))).rejects.toThrow(/run p01-r1 differs between .*c and .*d/);
    const other = shard('e', ['p00-r0'], 'cd'.repeat(32));
    await expect(mergeShards([a, other], join(dir, 'x'))).rejects.toThrow(/e belongs to a different sweep than .*c \(scenario hash cdcdcdcdcdcd vs abababababab\)/);
    await expect(mergeShards([a], a)).rejects.toThrow(/is one of the shard folders/);
    await expect(mergeShards([], join(dir, 'x'))).rejects.toThrow(/at least one/);
  });
});
