/**
 * Before `--resume` skips a run or `merge` copies one, the run folder is checked: it must be the
 * complete folder of that very run. Its marker (output/marker.ts) names the run id and seed and
 * lists every file with its size; the files must be there with those sizes; summary.json must hold
 * every summary metric and scenario.resolved.json the run's seed. Anything else is rerun (resume)
 * or refused (merge).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FuotaSimError } from '../errors/index.js';
import { MARKER_FILE, readMarker } from '../output/marker.js';
import { readJsonFile } from '../scenario/json.js';
import { SUMMARY_METRICS } from '../sim/types.js';
import type { ManifestRun } from './manifest.js';

const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const REQUIRED = ['scenario.resolved.json', 'summary.json'];

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A metric value as a summary holds it: a number, null, or an object of numbers (counts by name). */
function isMetricValue(v: unknown): boolean {
  if (v === null || (typeof v === 'number' && Number.isFinite(v))) return true;
  return isObj(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Why the folder `dir` is not the complete result of `run`, or null when it is. */
export function runFolderProblem(dir: string, run: Pick<ManifestRun, 'runId' | 'seed'>): string | null {
  const marker = readMarker(dir);
  if (marker === null || marker.kind !== 'run') return `it has no readable ${MARKER_FILE} (not a complete fuota-sim run folder)`;
  if (marker.runId !== run.runId) return `its marker names run ${String(marker.runId)}`;
  if (marker.seed !== run.seed) return `its marker says seed ${String(marker.seed)}, the sweep plans seed ${run.seed}`;
  const files = marker.files;
  if (!isObj(files) || !REQUIRED.every((f) => f in files)) return 'its marker lists no summary.json and scenario.resolved.json';
  for (const [name, size] of Object.entries(files)) {
    if (!FILE_NAME.test(name) || typeof size !== 'number') return 'its marker lists a file that is not a plain file name';
    let actual: number;
    try {
      const st = statSync(join(dir, name));
      if (!st.isFile()) return `${name} is not a file`;
      actual = st.size;
    } catch {
      return `${name} is missing`;
    }
    if (size >= 0 && actual !== size) return `${name} has ${actual} bytes, not the ${size} written`;
  }
  try {
    const summary = readJsonFile(join(dir, 'summary.json'));
    if (!isObj(summary)) return 'summary.json is not an object of metrics';
    const missing = SUMMARY_METRICS.find((m) => !(m in summary) || !isMetricValue(summary[m]));
    if (missing !== undefined) return `summary.json has no valid ${missing}`;
    const scenario = readJsonFile(join(dir, 'scenario.resolved.json'));
    if (!isObj(scenario) || scenario.seed !== run.seed) return `scenario.resolved.json does not hold seed ${run.seed}`;
  } catch (err) {
    if (err instanceof FuotaSimError) return err.lines[0];
    throw err;
  }
  return null;
}
