/**
 * Writes the sweep-level files of a sweep folder from its run folders and manifest: summary.csv,
 * aggregate.csv and, once every planned run is present, the sweep plots (`*.vl.json`, `*.svg`).
 * The runner, `--resume` and `merge` all end here, which is why their outputs are identical.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic.js';
import { stableJson } from '../output/format.js';
import type { CompletionPoint } from '../output/plotData.js';
import { renderSvg } from '../output/svg.js';
import type { SweepManifest } from './manifest.js';
import { readCompletion, sweepPlots } from './sweepPlots.js';
import { readRunRecords, sweepAggregateCsv, sweepSummaryCsv } from './tables.js';

export interface AssembleOptions {
  /** draw the sweep plots when the sweep is complete (default true) */
  plots?: boolean;
}

export interface Assembled {
  /** runs of the manifest with a complete folder */
  runsPresent: number;
  complete: boolean;
  /** files written, relative to the sweep folder, in the order written */
  files: string[];
}

/** (Re)writes the sweep-level files of `dir` from what its run folders hold. */
export async function assembleSweep(dir: string, manifest: SweepManifest, opts: AssembleOptions = {}): Promise<Assembled> {
  const files: string[] = [];
  const put = async (name: string, text: string): Promise<void> => {
    await writeFileAtomic(join(dir, name), text);
    files.push(name);
  };
  const runs = readRunRecords(dir, manifest);
  const complete = runs.length === manifest.runs.length;
  await put('summary.csv', sweepSummaryCsv(manifest, runs));
  await put('aggregate.csv', sweepAggregateCsv(manifest, runs));
  if (complete && opts.plots !== false) {
    const curves = new Map<string, CompletionPoint[]>();
    for (const r of runs) {
      const c = readCompletion(dir, r.runId);
      if (c) curves.set(r.runId, c);
    }
    for (const plot of sweepPlots(manifest, runs, curves)) {
      await put(`${plot.name}.vl.json`, stableJson(plot.spec));
      await put(`${plot.name}.svg`, await renderSvg(plot.spec));
    }
  }
  return { runsPresent: runs.length, complete, files };
}
