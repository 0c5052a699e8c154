/**
 * `merge`: joins the folders of a sharded sweep (`--shard i/N` on several machines) into exactly
 * the folder one unsharded sweep writes. The shards must carry the same manifest (same scenario
 * hash); every planned run must be present in one of them.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, showPath } from '../errors/index.js';
import { writeDirAtomic, writeFileAtomic } from '../output/atomic.js';
import { MARKER_FILE, markerText } from '../output/marker.js';
import { checkOutputFolder } from '../output/target.js';
import { assembleSweep, type Assembled } from './assemble.js';
import { MANIFEST_FILE, manifestText, readManifest, type SweepManifest } from './manifest.js';
import { runDir } from './tables.js';
import { runFolderProblem } from './verify.js';

/** Inputs that do not form one sweep (the CLI exits 2). */
export class MergeError extends InputError {
  override name = 'MergeError';
}

export interface MergeOptions {
  force?: boolean;
  plots?: boolean;
}

export interface MergeOutcome extends Assembled {
  outDir: string;
  manifest: SweepManifest;
  /** run id → the shard folder it was taken from */
  sources: Map<string, string>;
}

function loadManifests(dirs: readonly string[]): SweepManifest {
  let first: { dir: string; m: SweepManifest } | null = null;
  for (const dir of dirs) {
    let m: SweepManifest | null;
    try {
      m = readManifest(dir);
    } catch (err) {
      if (err instanceof InputError) throw new MergeError(err.problems);
      throw err;
    }
    if (!m) throw new MergeError(`${showPath(dir)}: not a sweep folder (no ${MANIFEST_FILE})`);
    if (!first) first = { dir, m };
    else if (m.scenarioHash !== first.m.scenarioHash) {
      throw new MergeError(
        `${showPath(dir)} belongs to a different sweep than ${showPath(first.dir)} ` +
          `(scenario hash ${m.scenarioHash.slice(0, 12)} vs ${first.m.scenarioHash.slice(0, 12)})`,
      );
    }
  }
  if (!first) throw new MergeError('name at least one shard folder');
  return first.m;
}

/**
 * Which shard holds each run; refuses missing runs, run folders that are incomplete or damaged
 * (verify.ts) and runs whose results disagree.
 */
function locateRuns(dirs: readonly string[], manifest: SweepManifest): Map<string, string> {
  const sources = new Map<string, string>();
  const missing: string[] = [];
  for (const run of manifest.runs) {
    const { runId } = run;
    const holders = dirs.filter((d) => existsSync(runDir(d, runId)));
    if (holders.length === 0) {
      missing.push(runId);
      continue;
    }
    for (const d of holders) {
      const problem = runFolderProblem(runDir(d, runId), run);
      if (problem !== null) {
        throw new MergeError(`run ${runId} in ${showPath(d)} is incomplete or damaged: ${problem}; finish that shard again with --resume and merge again`);
      }
    }
    const summary = (d: string) => readFileSync(join(runDir(d, runId), 'summary.json'), 'utf8');
    const first = summary(holders[0]);
    const other = holders.find((d) => summary(d) !== first);
    if (other) throw new MergeError(`run ${runId} differs between ${showPath(holders[0])} and ${showPath(other)}`);
    sources.set(runId, holders[0]);
  }
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')}, ...` : missing.join(', ');
    throw new MergeError(
      `${missing.length} of ${manifest.runs.length} runs are in none of the folders (${list}); ` +
        'finish the shards that hold them (run them again with --resume) and merge again',
    );
  }
  return sources;
}

/** Merges shard folders into `out`, written atomically; refuses an existing `out` unless `force`. */
export async function mergeShards(dirs: readonly string[], out: string, opts: MergeOptions = {}): Promise<MergeOutcome> {
  const shardDirs = dirs.map((d) => resolve(d));
  const outDir = resolve(out);
  if (shardDirs.includes(outDir)) throw new MergeError(`--out ${showPath(out)} is one of the shard folders; choose a new folder`);
  const manifest = loadManifests(shardDirs);
  const sources = locateRuns(shardDirs, manifest);
  checkOutputFolder(outDir, { force: opts.force === true });
  let assembled: Assembled | null = null;
  await writeDirAtomic(
    outDir,
    async (tmp) => {
      await writeFileAtomic(join(tmp, MARKER_FILE), markerText({ kind: 'sweep' }));
      await writeFileAtomic(join(tmp, MANIFEST_FILE), manifestText(manifest));
      for (const [runId, dir] of sources) cpSync(runDir(dir, runId), runDir(tmp, runId), { recursive: true });
      assembled = await assembleSweep(tmp, manifest, { plots: opts.plots });
    },
    { force: opts.force === true },
  );
  return { ...(assembled as unknown as Assembled), outDir, manifest, sources };
}
