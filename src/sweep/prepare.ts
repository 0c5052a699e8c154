/** Loads a scenario file and expands its sweep into the points a sweep runs; `runSweep` does both and runs it. */
import { loadScenarioFile } from '../scenario/load.js';
import { expandSweep } from '../scenario/sweep.js';
import { progressHooks } from './progress-hooks.js';
import { executeSweep, type PreparedSweep, type SweepOutcome, type SweepRunOptions } from './runner.js';

/**
 * Reads, validates and expands `file`; throws ScenarioError (exit 2) listing every problem, the
 * size limits included unless `allowLarge` (scenario/limits.ts).
 */
export function prepareSweep(file: string, opts: { allowLarge?: boolean; trace?: boolean } = {}): PreparedSweep {
  const { raw, scenario, baseDir } = loadScenarioFile(file, { allowLarge: opts.allowLarge, trace: opts.trace });
  const points = expandSweep(raw, { baseDir, sourceName: file, allowLarge: opts.allowLarge, trace: opts.trace });
  return {
    name: scenario.name,
    sweptPaths: Object.keys(points[0].values),
    points: points.map((p) => ({ index: p.index, values: p.values })),
    scenarios: points.map((p) => p.scenario),
    replications: scenario.replications,
  };
}

export interface RunSweepOptions extends SweepRunOptions {
  /** no progress bar (it is also off when standard error is not a terminal, or when onProgress is given) */
  quiet?: boolean;
  /** lift the size limits (--allow-large) */
  allowLarge?: boolean;
}

/**
 * The library entry of `fuota-sim sweep`: load `file`, expand its sweep and run (the slice of) it
 * into its folder (see runner.ts), with a progress bar on standard error unless `quiet`.
 */
export async function runSweep(file: string, opts: RunSweepOptions = {}): Promise<SweepOutcome> {
  const prepared = prepareSweep(file, { allowLarge: opts.allowLarge, trace: opts.trace });
  if (opts.onProgress) return executeSweep(prepared, opts);
  const hooks = progressHooks(`sweep ${prepared.name}`, opts.quiet);
  try {
    return await executeSweep(prepared, {
      ...opts,
      onStart: (total) => {
        opts.onStart?.(total);
        hooks.onStart(total);
      },
      onProgress: hooks.onProgress,
    });
  } finally {
    hooks.stop();
  }
}
