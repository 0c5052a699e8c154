/**
 * Run planning: sweep points × replications → an ordered list of runs with stable ids, and the
 * deterministic shard slices (`--shard i/N`) that split it across machines.
 */
import { quote } from '../errors/index.js';
import type { ResolvedScenario } from '../scenario/types.js';

/** One point of a sweep: its index and the value of every swept dotted path. */
export interface SweepPoint {
  index: number;
  values: Record<string, unknown>;
}

/** One simulation run: a point and a replication. `index` is its position in the full plan. */
export interface RunSpec {
  index: number;
  /** stable id, also the run's folder name: `p03-r1` (point 3, replication 1; both from 0) */
  runId: string;
  point: number;
  replication: number;
  seed: number;
  scenario: ResolvedScenario;
}

export interface Shard {
  /** 1-based slice number */
  index: number;
  count: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Width of the point and replication numbers in run ids for a plan of this size. */
export function runIdWidths(points: number, replications: number): { point: number; replication: number } {
  return { point: Math.max(2, String(points - 1).length), replication: String(Math.max(0, replications - 1)).length };
}

/**
 * Every run of a sweep, point-major: point p, replication r gets seed `seed(p) + r` where seed(p) is
 * the point's resolved seed. `scenarios[p]` is the resolved scenario of point p.
 */
export function planRuns(scenarios: readonly ResolvedScenario[], replications: number): RunSpec[] {
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be a positive integer, got ${replications}`);
  }
  const w = runIdWidths(scenarios.length, replications);
  const runs: RunSpec[] = [];
  scenarios.forEach((base, point) => {
    for (let r = 0; r < replications; r++) {
      const seed = base.seed + r;
      runs.push({
        index: runs.length,
        runId: `p${pad(point, w.point)}-r${pad(r, w.replication)}`,
        point,
        replication: r,
        seed,
        scenario: { ...base, seed, replications: 1, sweep: null },
      });
    }
  });
  return runs;
}

/** Parses `i/N` (1 ≤ i ≤ N); throws a RangeError with a readable message otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  if (!m) throw new RangeError(`--shard: ${quote(text, 40)} is not of the form i/N (e.g. 2/8)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard: ${quote(text, 40)} needs 1 ≤ i ≤ N (slices are numbered from 1)`);
  }
  return { index, count };
}

/** The runs of shard i/N: those whose plan index ≡ i − 1 (mod N). Order is kept. */
export function shardRuns<T extends { index: number }>(runs: readonly T[], shard: Shard | null): T[] {
  if (!shard) return [...runs];
  return runs.filter((r) => r.index % shard.count === shard.index - 1);
}
