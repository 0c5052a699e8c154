import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestText } from '../../src/sweep/manifest.js';
import { mergeShards } from '../../src/sweep/merge.js';
import { fakeRunFolder, tempDir, treeHashes } from './helpers.js';
import { MANIFEST, RECORDS } from './manifest-fixture.js';

const dir = tempDir('merge');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shard folder holding the given runs (summary, resolved scenario, marker), with an optional changed value. */
function shard(name: string, runIds: string[], hash = MANIFEST.scenarioHash, devices = 10): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'runs'), { recursive: true });
  writeFileSync(join(d, 'sweep.json'), manifestText({ ...MANIFEST, scenarioHash: hash }));
  for (const r of RECORDS.filter((x) => runIds.includes(x.runId))) fakeRunFolder(join(d, 'runs', r.runId), r, { ...r.metrics, devices });
  return d;
}

const RUN_FILES = ['.fuota-sim.json', 'scenario.resolved.json', 'summary.json'];

describe('merging shard folders', () => {
  it('takes every run once, also from overlapping shards with the same results', async () => {
    const a = shard('a', ['p00-r0', 'p01-r0']);
    const b = shard('b', ['p00-r1', 'p01-r1', 'p01-r0']);
    const m = await mergeShards([a, b], join(dir, 'out'), { plots: false });
    expect(m.complete).toBe(true);
    expect([...m.sources.entries()].map(([id, from]) => `${id}<${from.slice(-1)}`)).toEqual(['p00-r0<a', 'p00-r1<b', 'p01-r0<a', 'p01-r1<b']);
    expect(Object.keys(treeHashes(join(dir, 'out')))).toEqual([
      '.fuota-sim.json', 'aggregate.csv',
      ...['p00-r0', 'p00-r1', 'p01-r0', 'p01-r1'].flatMap((id) => RUN_FILES.map((f) => `runs/${id}/${f}`)),
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

  it('refuses a run folder that is incomplete, damaged or another run, naming it', async () => {
    const cases: Array<[string, (runDir: string) => void, RegExp]> = [
      ['no-marker', (d) => rmSync(join(d, '.fuota-sim.json')), /no readable \.fuota-sim\.json/],
      ['truncated', (d) => writeFileSync(join(d, 'summary.json'), '{"devices":'), /summary\.json has \d+ bytes, not the \d+ written/],
      ['not-json', (d) => {
        writeFileSync(join(d, 'summary.json'), 'x'.repeat(statSync(join(d, 'summary.json')).size));
      }, /summary\.json: not valid JSON \(line 1, column 1\)/],
      ['no-summary', (d) => rmSync(join(d, 'summary.json')), /summary\.json is missing/],
      ['other-run', (d) => fakeRunFolder(d, { runId: 'p01-r1', seed: 2 }, {}), /its marker names run p01-r1/],
      ['other-seed', (d) => fakeRunFolder(d, { runId: 'p00-r0', seed: 7 }, {}), /its marker says seed 7, the sweep plans seed 1/],
    ];
    for (const [name, damage, message] of cases) {
      const d = shard(name, ['p00-r0', 'p00-r1', 'p01-r0', 'p01-r1']);
      damage(join(d, 'runs', 'p00-r0'));
      await expect(mergeShards([d], join(dir, `${name}-out`))).rejects.toThrow(message);
      expect(existsSync(join(dir, `${name}-out`))).toBe(false);
    }
  });

  it('refuses a damaged or tampered sweep.json with exit 2, never a stack trace', async () => {
    const truncated = shard('trunc', ['p00-r0']);
    writeFileSync(join(truncated, 'sweep.json'), manifestText(MANIFEST).slice(0, 100));
    await expect(mergeShards([truncated], join(dir, 't-out'))).rejects.toThrow(/sweep\.json: not valid JSON \(line \d+, column \d+\)/);
    const escape = shard('escape', ['p00-r0']);
    writeFileSync(join(escape, 'sweep.json'), manifestText({ ...MANIFEST, runs: [{ ...MANIFEST.runs[0], runId: '../../etc' }] }));
    await expect(mergeShards([escape], join(dir, 'e-out'))).rejects.toThrow(/has no valid, unique run id/);
  });
});
