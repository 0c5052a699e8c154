/**
 * `sweep.json`: what a sweep folder holds — the swept paths, the points, the planned runs and a hash
 * of every run's resolved scenario. Shards of one sweep carry the same manifest, byte for byte, which
 * is how `merge` and `--resume` recognise results that belong together.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, showPath, showValue } from '../errors/index.js';
import { readJsonFile } from '../scenario/json.js';
import type { RunSpec, SweepPoint } from './plan.js';

export const MANIFEST_FILE = 'sweep.json';
export const MANIFEST_FORMAT = 'fuota-sim-sweep/1';

export interface ManifestRun {
  runId: string;
  point: number;
  replication: number;
  seed: number;
}

export interface SweepManifest {
  format: typeof MANIFEST_FORMAT;
  name: string;
  /** sha-256 of the canonical JSON of every planned run (id and resolved scenario) */
  scenarioHash: string;
  sweptPaths: string[];
  replications: number;
  points: SweepPoint[];
  runs: ManifestRun[];
}

/** JSON with object keys sorted at every level, so equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function planHash(runs: readonly RunSpec[]): string {
  const h = createHash('sha256');
  for (const r of runs) h.update(canonicalJson({ runId: r.runId, scenario: r.scenario })).update('\n');
  return h.digest('hex');
}

export function buildManifest(
  name: string,
  sweptPaths: string[],
  points: SweepPoint[],
  replications: number,
  runs: readonly RunSpec[],
): SweepManifest {
  return {
    format: MANIFEST_FORMAT,
    name,
    scenarioHash: planHash(runs),
    sweptPaths,
    replications,
    points,
    runs: runs.map(({ runId, point, replication, seed }) => ({ runId, point, replication, seed })),
  };
}

export function manifestText(m: SweepManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

const MANIFEST_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const RUN_ID = /^p\d{2,7}-r\d{1,5}$/;
const HEX64 = /^[0-9a-f]{64}$/;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** What is wrong with a parsed manifest, or null: every field the runner, --resume and merge rely on. */
export function manifestProblem(m: unknown): string | null {
  if (!isObj(m) || m.format !== MANIFEST_FORMAT) return `not a fuota-sim sweep manifest (format ${MANIFEST_FORMAT})`;
  // a plan's sweep is named <name>-plan: a scenario name and a suffix
  if (typeof m.name !== 'string' || !MANIFEST_NAME.test(m.name)) return `"name" ${showValue(m.name)} is not a valid name`;
  if (typeof m.scenarioHash !== 'string' || !HEX64.test(m.scenarioHash)) return '"scenarioHash" is not a sha-256 hex digest';
  if (!Array.isArray(m.sweptPaths) || !m.sweptPaths.every((p) => typeof p === 'string')) return '"sweptPaths" is not a list of strings';
  if (!isCount(m.replications, 1)) return '"replications" is not a positive integer';
  if (!Array.isArray(m.points) || !m.points.every((p, i) => isObj(p) && p.index === i && isObj(p.values))) {
    return '"points" is not a list of {index, values} numbered from 0';
  }
  if (!Array.isArray(m.runs)) return '"runs" is not a list';
  const ids = new Set<string>();
  for (const r of m.runs as unknown[]) {
    if (!isObj(r) || typeof r.runId !== 'string' || !RUN_ID.test(r.runId) || ids.has(r.runId)) return `run ${showValue(isObj(r) ? r.runId : r)} has no valid, unique run id`;
    if (!isCount(r.point) || r.point >= m.points.length || !isCount(r.replication) || r.replication >= m.replications || !isCount(r.seed)) {
      return `run ${r.runId} has no valid point, replication and seed`;
    }
    ids.add(r.runId);
  }
  return null;
}

/**
 * Reads `<dir>/sweep.json`; null when absent; an InputError naming the file when it is unreadable,
 * not JSON, or not a complete manifest.
 */
export function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  const hint = '; the sweep folder is damaged (start it over with --force, or rerun the shard)';
  const m = readJsonFile(path, hint);
  const problem = manifestProblem(m);
  if (problem !== null) throw new InputError(`${showPath(path)}: ${problem}${hint}`);
  return m as SweepManifest;
}
