/**
 * The marker file `.fuota-sim.json` that every folder fuota-sim writes carries (a run's results, a
 * sweep, a merged sweep, a plan, redrawn plots). It is what `--force` looks for before it replaces
 * a folder: a folder without it was not written by fuota-sim and is never replaced or removed.
 *
 * A run folder's marker also lists its files with their sizes and, inside a sweep, its run id and
 * seed, so that `--resume` and `merge` can check that a run folder is complete and is the run they
 * expect before trusting it (sweep/verify.ts). The marker's content is deterministic (no time, no
 * host), like every result file but timing.json.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '../scenario/json.js';

export const MARKER_FILE = '.fuota-sim.json';
export const MARKER_FORMAT = 'fuota-sim-folder/1';

export type FolderKind = 'run' | 'sweep' | 'plots';

export interface Marker {
  format: typeof MARKER_FORMAT;
  kind: FolderKind;
  /** run folders of a sweep: the run id and seed */
  runId?: string;
  seed?: number;
  /** run folders: every file written, with its size in bytes (timing.json: -1, its size varies) */
  files?: Record<string, number>;
}

export function markerText(m: Omit<Marker, 'format'>): string {
  return `${JSON.stringify({ format: MARKER_FORMAT, ...m }, null, 2)}\n`;
}

/** The marker of `dir`, or null when it has none (or an unreadable one). Never throws. */
export function readMarker(dir: string): Marker | null {
  const path = join(dir, MARKER_FILE);
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > 1 << 20) return null;
    const m = parseJsonText(readFileSync(path, 'utf8')) as Partial<Marker> | null;
    if (m === null || typeof m !== 'object' || m.format !== MARKER_FORMAT) return null;
    if (m.kind !== 'run' && m.kind !== 'sweep' && m.kind !== 'plots') return null;
    return m as Marker;
  } catch {
    return null;
  }
}
