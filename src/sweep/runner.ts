/**
 * Runs a planned sweep into a sweep folder:
 *
 * ```
 * <out>/sweep.json             the manifest (swept paths, points, runs, scenario hash)
 * <out>/runs/<runId>/          one complete run folder per run (written atomically)
 * <out>/summary.csv            one row per run        ┐ rebuilt from the run folders
 * <out>/aggregate.csv          one row per point      │ (assemble.ts), so identical for any
 * <out>/*.vl.json, *.svg       sweep plots            ┘ worker count, resume or merge
 * ```
 *
 * A run folder is written atomically and carries a marker listing its files; `resume` skips only the
 * run folders that pass verify.ts and runs the others again.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { EXIT, FuotaSimError, InputError, printableLine, showPath } from '../errors/index.js';
import { writeFileAtomic } from '../output/atomic.js';
import { MARKER_FILE, markerText, readMarker } from '../output/marker.js';
import { checkOutputFolder } from '../output/target.js';
import { assembleSweep } from './assemble.js';
import { executeRun, type RunDone, type RunTask } from './execute.js';
import { buildManifest, manifestText, readManifest, MANIFEST_FILE, type SweepManifest } from './manifest.js';
import { planRuns, shardRuns, type RunSpec, type Shard, type SweepPoint } from './plan.js';
import { executeAuto, runOnPool } from './autoWorkers.js';
import { RUNS_DIR, runDir } from './tables.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { runFolderProblem } from './verify.js';

/** A sweep ready to run: one resolved scenario per point. */
export interface PreparedSweep {
  name: string;
  sweptPaths: string[];
  points: SweepPoint[];
  /** resolved scenario of each point, in point order */
  scenarios: ResolvedScenario[];
  replications: number;
}

export interface SweepRunOptions {
  /** worker threads; 1 runs in this thread; default: this thread, then workers when measured to pay (autoWorkers.ts) */
  workers?: number;
  shard?: Shard | null;
  /** finish an interrupted sweep: run only the runs without a complete folder */
  resume?: boolean;
  /** replace an existing sweep folder */
  force?: boolean;
  /** sweep folder (default results/<name>, or results/<name>-shard-<i>of<N> for a shard) */
  out?: string;
  /** write transmissions.csv in every run folder */
  trace?: boolean;
  /** draw the sweep plots (default true) */
  plots?: boolean;
  /** also draw each run's own plots and report.html (default false: slow, and rarely looked at in a sweep) */
  runPlots?: boolean;
  /** called once the runs to do are known, before the first starts */
  onStart?: (runsToDo: number) => void;
  /** called after each run with (runs done, runs to do) */
  onProgress?: (done: number, total: number, runId: string) => void;
}

export interface SweepOutcome {
  outDir: string;
  manifest: SweepManifest;
  /** runs of this invocation's slice (all runs without a shard) */
  runsInSlice: number;
  /** of those, already complete before this invocation (resume) */
  runsSkipped: number;
  /** of those, found incomplete or damaged and run again (resume) */
  runsRedone: number;
  runsExecuted: number;
  /** planned runs of the sweep with a complete folder in `outDir` */
  runsPresent: number;
  /** every planned run of the sweep is present in `outDir` */
  complete: boolean;
  /** sweep-level files written, relative to outDir */
  files: string[];
}

/** A folder as people read it: relative to the working directory when inside it, else absolute (escaped when odd). */
export function displayPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return showPath(rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel);
}

/** The default sweep folder for a sweep name and shard. */
export function defaultSweepDir(name: string, shard: Shard | null | undefined): string {
  return join('results', shard ? `${name}-shard-${shard.index}of${shard.count}` : name);
}

/** Removes the `.tmp-*` leftovers of interrupted writes in `dir`. */
function removeTmp(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.tmp-')) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Checks the target folder against the options before any run starts; clears it for --force
 * (only a folder fuota-sim wrote, output/target.ts).
 */
function prepareFolder(outDir: string, manifest: SweepManifest, opts: SweepRunOptions): void {
  const { exists } = checkOutputFolder(outDir, {
    force: opts.force === true,
    resume: opts.resume === true,
    existsHint: 'pass --resume to finish an interrupted sweep, or --force to start over',
  });
  if (!exists || readdirSync(outDir).length === 0) return;
  if (opts.resume) {
    const existing = readManifest(outDir);
    if (!existing) {
      throw new InputError(`--resume: ${showPath(outDir)} holds no ${MANIFEST_FILE}: it is not a sweep folder; choose another --out`);
    }
    if (existing.scenarioHash !== manifest.scenarioHash) {
      throw new InputError(
        `--resume: ${showPath(outDir)} holds a sweep of a different scenario (hash ${existing.scenarioHash.slice(0, 12)}, ` +
          `this one ${manifest.scenarioHash.slice(0, 12)}); pass --force to start over`,
      );
    }
    return;
  }
  rmSync(outDir, { recursive: true, force: true });
}

/**
 * The runs of `slice` whose folder is complete (verify.ts); the folders of the others are removed
 * (they lie inside the sweep folder, under names the plan made) and their ids returned as redone.
 */
function verifyRuns(outDir: string, slice: readonly RunSpec[]): { done: Set<string>; redone: string[] } {
  const done = new Set<string>();
  const redone: string[] = [];
  for (const run of slice) {
    const dir = runDir(outDir, run.runId);
    if (!existsSync(dir)) continue;
    if (runFolderProblem(dir, run) === null) {
      done.add(run.runId);
    } else {
      redone.push(run.runId);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { done, redone };
}

async function executeAll(tasks: RunTask[], workers: number | 'auto', onDone: (d: RunDone) => void): Promise<void> {
  if (workers === 'auto') return executeAuto(tasks, onDone);
  if (workers <= 1) {
    for (const t of tasks) onDone(await executeRun(t));
    return;
  }
  await runOnPool(tasks, workers, onDone);
}

/** Runs (the slice of) a prepared sweep into its folder and writes the sweep-level files. */
export async function executeSweep(prepared: PreparedSweep, opts: SweepRunOptions = {}): Promise<SweepOutcome> {
  const runPlots = opts.runPlots === true;
  const scenarios = prepared.scenarios.map((s) => ({ ...s, outputs: { ...s.outputs, plots: s.outputs.plots && runPlots, report: s.outputs.report && runPlots } }));
  const runs: RunSpec[] = planRuns(scenarios, prepared.replications);
  const manifest = buildManifest(prepared.name, prepared.sweptPaths, prepared.points, prepared.replications, runs);
  const outDir = resolve(opts.out ?? defaultSweepDir(prepared.name, opts.shard));
  prepareFolder(outDir, manifest, opts);
  mkdirSync(join(outDir, RUNS_DIR), { recursive: true });
  if (readMarker(outDir) === null) await writeFileAtomic(join(outDir, MARKER_FILE), markerText({ kind: 'sweep' }));
  if (!existsSync(join(outDir, MANIFEST_FILE))) await writeFileAtomic(join(outDir, MANIFEST_FILE), manifestText(manifest));

  if (opts.resume) {
    removeTmp(outDir);
    removeTmp(join(outDir, RUNS_DIR));
  }
  const slice = shardRuns(runs, opts.shard ?? null);
  const { done, redone } = verifyRuns(outDir, slice);
  const todo = slice.filter((r) => !done.has(r.runId));
  const runsDir = join(outDir, RUNS_DIR);
  const tasks = todo.map((r): RunTask => ({ runId: r.runId, scenario: r.scenario, runsDir, trace: opts.trace === true }));
  const workers = opts.workers === undefined ? 'auto' : Math.min(opts.workers, Math.max(1, tasks.length));
  let finished = 0;
  opts.onStart?.(tasks.length);
  await executeAll(tasks, workers, (d) => opts.onProgress?.(++finished, tasks.length, d.runId));

  const assembled = await assembleSweep(outDir, manifest, { plots: opts.plots });
  return {
    outDir,
    manifest,
    runsInSlice: slice.length,
    runsSkipped: slice.length - todo.length,
    runsRedone: redone.length,
    runsExecuted: todo.length,
    runsPresent: assembled.runsPresent,
    complete: assembled.complete,
    files: assembled.files,
  };
}
