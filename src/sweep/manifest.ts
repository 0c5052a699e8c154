/**
 * `sweep.json`: what a sweep folder holds — the swept paths, the points, the planned runs and a hash
 * of every run's resolved scenario. Shards of one sweep carry the same manifest, byte for byte, which
 * is how `merge` and `--resume` recognise results that belong together.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Reads `<dir>/sweep.json`; null when absent; throws an Error naming the file when unreadable. */
export function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let m: SweepManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.runs) || !Array.isArray(m.points)) {
    throw new Error(`${path}: not a fuota-sim sweep manifest (format ${MANIFEST_FORMAT})`);
  }
  return m;
}
