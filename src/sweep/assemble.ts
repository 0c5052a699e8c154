/**
 * Writes the sweep-level files of a sweep folder from its run folders and manifest: summary.csv,
 * aggregate.csv and, once every planned run is present, the sweep plots (`*.vl.json`, `*.svg`) and
 * report.html.
 * The runner, `--resume` and `merge` all end here, which is why their outputs are identical.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic.js';
import { stableJson } from '../output/format.js';
import { buildSweepReportHtml } from '../output/report.js';
import { renderSvg } from '../output/svg.js';
import { readJsonFile } from '../scenario/json.js';
import type { SweepManifest } from './manifest.js';
import { readCompletion, sweepPlots, type RunCurve } from './sweepPlots.js';
import { sweepKeyTable } from './sweepTable.js';
import { readRunRecords, runDir, sweepAggregateCsv, sweepSummaryCsv, sweepSummaryJson, type RunRecord } from './tables.js';

export interface AssembleOptions {
  /** draw the sweep plots and report.html when the sweep is complete (default true) */
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
  await put('summary.json', stableJson(sweepSummaryJson(manifest, runs)));
  if (complete && opts.plots !== false) {
    const curves = new Map<string, RunCurve>();
    for (const r of runs) {
      const c = readCompletion(dir, r.runId);
      if (c) curves.set(r.runId, c);
    }
    const plots = sweepPlots(manifest, runs, curves);
    for (const plot of plots) {
      await put(`${plot.name}.vl.json`, stableJson(plot.spec));
      await put(`${plot.name}.svg`, await renderSvg(plot.spec));
    }
    const first = firstScenario(dir, runs);
    await put(
      'report.html',
      buildSweepReportHtml({
        name: manifest.name,
        description: typeof first.description === 'string' ? first.description : undefined,
        simulatorVersion: String(first.simulatorVersion ?? ''),
        parameters: manifest.sweptPaths,
        table: sweepKeyTable(manifest, runs, curves),
        runs: runs.length,
        plots,
      }),
    );
  }
  return { runsPresent: runs.length, complete, files };
}

/** scenario.resolved.json of the first run (description and simulator version for the report). */
function firstScenario(dir: string, runs: readonly RunRecord[]): Record<string, unknown> {
  if (runs.length === 0) return {};
  return readJsonFile(join(runDir(dir, runs[0].runId), 'scenario.resolved.json')) as Record<string, unknown>;
}
