/**
 * Writes one run's result folder (docs/results.md, the results contract), atomically: the folder
 * is filled under a temporary name and renamed when complete. Every file except `timing.json` is
 * byte-identical for the same scenario and seed.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { COUNT_GROUPS, SUMMARY_COLUMNS, SUMMARY_METRICS, flatSummary, type RunResult, type Summary } from '../sim/types.js';
import { writeDirAtomic, writeFileAtomic, type FileData } from './atomic.js';
import { MARKER_FILE, markerText } from './marker.js';
import { completionCsv, devicesCsvChunks, summaryCsv, transmissionsCsvChunks } from './csv.js';
import { stableJson } from './format.js';
import { plotFiles } from './plotFiles.js';
import { plotDataFromResult } from './plotData.js';
import { dutyCycleCsv, seriesJson } from './seriesFiles.js';

export interface WriteRunOptions {
  /** replace an existing folder (otherwise it is refused with exit code 2) */
  force: boolean;
  /** write transmissions.csv even when the scenario's outputs.transmissions is off */
  trace: boolean;
  /** the run's id inside a sweep (recorded in the folder's marker, checked by --resume and merge) */
  runId?: string;
}

/** The file whose size varies between identical runs (wall time, memory). */
const TIMING_FILE = 'timing.json';

/** summary.json: the summary metrics as one object in their stable order, each count object after its metric (statusCounts after devicesRebuilt, reasons after timeToAllFromSessionS). */
export function orderedSummary(summary: Summary): Record<string, number | null | Record<string, number>> {
  const out: Record<string, number | null | Record<string, number>> = {};
  for (const k of SUMMARY_METRICS) {
    out[k] = summary[k];
    for (const g of COUNT_GROUPS) if (g.after === k) out[g.key] = { ...summary[g.key] };
  }
  return out;
}

/** Columns of a single run's summary.csv: the scenario name and seed, so that files concatenate, then the metrics. */
export const RUN_SUMMARY_COLUMNS: readonly string[] = ['name', 'seed', ...SUMMARY_COLUMNS];

/** summary.csv of one run. */
export function runSummaryCsv(result: Pick<RunResult, 'scenario' | 'summary'>): string {
  return summaryCsv([{ name: result.scenario.name, seed: result.scenario.seed, ...flatSummary(result.summary) }], RUN_SUMMARY_COLUMNS);
}

/** scenario.resolved.json: the resolved scenario plus the simulator version (last key). */
export function resolvedScenarioJson(result: Pick<RunResult, 'scenario' | 'simulatorVersion'>): string {
  return stableJson({ ...result.scenario, simulatorVersion: result.simulatorVersion });
}

/**
 * Write the result files of `result` into `outDir` and return their paths (inside `outDir`) in
 * the order written. Refuses an existing `outDir` unless `opts.force`.
 */
export async function writeRunResults(outDir: string, result: RunResult, opts: WriteRunOptions): Promise<string[]> {
  const names: string[] = [];
  const outputs = result.scenario.outputs;
  await writeDirAtomic(
    outDir,
    async (tmpDir) => {
      const put = async (name: string, data: FileData): Promise<void> => {
        await writeFileAtomic(join(tmpDir, name), data);
        names.push(name);
      };
      await put('scenario.resolved.json', resolvedScenarioJson(result));
      await put('summary.json', stableJson(orderedSummary(result.summary)));
      await put('summary.csv', runSummaryCsv(result));
      await put('completion.csv', completionCsv(result.devices.decodedAtS, result.devices.status, result.summary));
      if (outputs.devices) await put('devices.csv', devicesCsvChunks(result.devices));
      if (opts.trace || outputs.transmissions) await put('transmissions.csv', transmissionsCsvChunks(result.transmissions));
      const plotData = plotDataFromResult(result);
      await put('series.json', seriesJson(plotData));
      await put('dutycycle.csv', dutyCycleCsv(plotData));
      for (const [name, data] of await plotFiles(result, plotData, { format: outputs.plots ? 'svg' : null, report: outputs.report })) {
        await put(name, data);
      }
      await put(TIMING_FILE, stableJson({ wallTimeS: result.timing.wallTimeS, peakRssBytes: result.timing.peakRssBytes }));
      // the marker last: it lists every file with its size (marker.ts)
      const files: Record<string, number> = {};
      for (const name of names) files[name] = name === TIMING_FILE ? -1 : statSync(join(tmpDir, name)).size;
      await writeFileAtomic(join(tmpDir, MARKER_FILE), markerText({ kind: 'run', runId: opts.runId, seed: result.scenario.seed, files }));
    },
    { force: opts.force },
  );
  return names.map((n) => join(outDir, n));
}
