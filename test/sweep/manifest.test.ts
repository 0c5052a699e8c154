import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { buildManifest, canonicalJson, manifestText, planHash, readManifest } from '../../src/sweep/manifest.js';
import { planRuns } from '../../src/sweep/plan.js';
import { tempDir } from './helpers.js';

const dir = tempDir('manifest');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = (seed: number, extra: Record<string, unknown> = {}) => ({ name: 'x', seed, sweep: null, replications: 1, ...extra }) as unknown as ResolvedScenario;

describe('sweep manifest', () => {
  it('writes JSON with sorted keys for the hash, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    const a = planRuns([scenario(1, { p: 1, q: 2 })], 2);
    const b = planRuns([scenario(1, { q: 2, p: 1 })], 2);
    expect(planHash(a)).toBe(planHash(b));
    expect(planHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes every resolved scenario: another seed or replication count is another sweep', () => {
    const base = planHash(planRuns([scenario(1)], 2));
    expect(planHash(planRuns([scenario(2)], 2))).not.toBe(base);
    expect(planHash(planRuns([scenario(1)], 3))).not.toBe(base);
  });

  it('round-trips through sweep.json and refuses files that are not manifests', () => {
    const runs = planRuns([scenario(4)], 2);
    const m = buildManifest('x', [], [{ index: 0, values: {} }], 2, runs);
    expect(m.runs).toEqual([
      { runId: 'p00-r0', point: 0, replication: 0, seed: 4 },
      { runId: 'p00-r1', point: 0, replication: 1, seed: 5 },
    ]);
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'ok', 'sweep.json'), manifestText(m));
    expect(readManifest(join(dir, 'ok'))).toEqual(m);
    expect(readManifest(join(dir, 'missing'))).toBeNull();
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'sweep.json'), '{"format": "other"}');
    expect(() => readManifest(join(dir, 'bad'))).toThrow(/not a fuota-sim sweep manifest/);
  });
});
