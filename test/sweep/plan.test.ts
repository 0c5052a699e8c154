import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { parseShard, planRuns, shardRuns } from '../../src/sweep/plan.js';

/** Only the fields planRuns reads or rewrites matter here. */
function scenario(seed: number, tag: string): ResolvedScenario {
  return { name: tag, seed, replications: 3, sweep: { a: [1, 2] } } as unknown as ResolvedScenario;
}

describe('run planning', () => {
  it('orders runs point-major with ids p<point>-r<replication> and seeds seed, seed+1, ...', () => {
    const runs = planRuns([scenario(10, 'a'), scenario(20, 'b')], 3);
    expect(runs.map((r) => r.runId)).toEqual(['p00-r0', 'p00-r1', 'p00-r2', 'p01-r0', 'p01-r1', 'p01-r2']);
    expect(runs.map((r) => r.seed)).toEqual([10, 11, 12, 20, 21, 22]);
    expect(runs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runs[4].scenario).toMatchObject({ name: 'b', seed: 21, replications: 1, sweep: null });
  });

  it('pads ids so that their text order is the plan order', () => {
    const runs = planRuns(Array.from({ length: 120 }, (_, i) => scenario(i, 'x')), 12);
    const ids = runs.map((r) => r.runId);
    expect(ids[0]).toBe('p000-r00');
    expect(ids.at(-1)).toBe('p119-r11');
    expect([...ids].sort()).toEqual(ids);
  });

  it('rejects zero replications', () => {
    expect(() => planRuns([scenario(1, 'a')], 0)).toThrow(RangeError);
  });
});

describe('shards', () => {
  it('parses i/N with slices numbered from 1', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '3', 'a/b', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('splits the plan into disjoint slices that together hold every run once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 9 }), (n, count) => {
        const runs = Array.from({ length: n }, (_, index) => ({ index }));
        const slices = Array.from({ length: count }, (_, i) => shardRuns(runs, { index: i + 1, count }));
        const all = slices.flat().map((r) => r.index).sort((a, b) => a - b);
        expect(all).toEqual(runs.map((r) => r.index));
        for (const s of slices) {
          expect(s.map((r) => r.index)).toEqual([...s.map((r) => r.index)].sort((a, b) => a - b));
          expect(s.length).toBeGreaterThanOrEqual(Math.floor(n / count));
          expect(s.length).toBeLessThanOrEqual(Math.ceil(n / count));
        }
      }),
    );
  });

  it('takes every run when there is no shard', () => {
    expect(shardRuns([{ index: 0 }, { index: 1 }], null)).toHaveLength(2);
  });
});
