/**
 * The sweep tables, built only from the run folders on disk (never from memory), in the manifest's
 * run order, so that a sweep gives the same bytes for any worker count, after a resume, and when
 * merged from shards.
 *
 * - `summary.csv`: one row per run: runId, point, replication, seed, one column per swept path, then
 *   every metric in the order of SUMMARY_COLUMNS (the status counts as status<Name> columns).
 * - `aggregate.csv`: one row per point: point, the swept values, n (runs), then for every metric
 *   `<metric>_mean`, `<metric>_sd`, `<metric>_ci95Low`, `<metric>_ci95High` (Student t over the
 *   replications). A metric with no value in some replication (e.g. timeTo99S never reached) has
 *   empty cells for that point: its mean is undefined.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { summaryCsv } from '../output/csv.js';
import { readJsonFile } from '../scenario/json.js';
import { SUMMARY_COLUMNS, flattenCounts } from '../sim/types.js';
import type { ManifestRun, SweepManifest } from './manifest.js';
import { confidenceInterval } from '../stats/descriptive.js';

export const RUNS_DIR = 'runs';
export const AGGREGATE_SUFFIXES = ['mean', 'sd', 'ci95Low', 'ci95High'] as const;

export type MetricRecord = Record<string, number | null>;

export interface RunRecord extends ManifestRun {
  metrics: MetricRecord;
}

/** Folder of one run inside a sweep folder. */
export function runDir(sweepDir: string, runId: string): string {
  return join(sweepDir, RUNS_DIR, runId);
}

/** The runs of the manifest that have a complete folder, with their metrics, in manifest order. */
export function readRunRecords(sweepDir: string, manifest: SweepManifest): RunRecord[] {
  const out: RunRecord[] = [];
  for (const run of manifest.runs) {
    const file = join(runDir(sweepDir, run.runId), 'summary.json');
    if (!existsSync(file)) continue;
    out.push({ ...run, metrics: flattenCounts(readJsonFile(file) as Record<string, unknown>) as MetricRecord });
  }
  return out;
}

export function summaryColumns(manifest: SweepManifest): string[] {
  return ['runId', 'point', 'replication', 'seed', ...manifest.sweptPaths, ...SUMMARY_COLUMNS];
}

export function aggregateColumns(manifest: SweepManifest): string[] {
  const metricCols = SUMMARY_COLUMNS.flatMap((m) => AGGREGATE_SUFFIXES.map((s) => `${m}_${s}`));
  return ['point', ...manifest.sweptPaths, 'n', ...metricCols];
}

/** One row per run: its id, point, replication, seed, swept values and metrics. */
export function summaryRows(manifest: SweepManifest, runs: readonly RunRecord[]): Array<Record<string, unknown>> {
  return runs.map((r) => ({
    ...manifest.points[r.point].values,
    runId: r.runId,
    point: r.point,
    replication: r.replication,
    seed: r.seed,
    ...r.metrics,
  }));
}

/** summary.csv text for these runs. */
export function sweepSummaryCsv(manifest: SweepManifest, runs: readonly RunRecord[]): string {
  return summaryCsv(summaryRows(manifest, runs), summaryColumns(manifest));
}

/**
 * summary.json of a sweep or of replications (results contract: "per run and aggregated"): the rows
 * of summary.csv and of aggregate.csv as objects, keys in the files' column order.
 */
export function sweepSummaryJson(manifest: SweepManifest, runs: readonly RunRecord[]): { runs: Array<Record<string, unknown>>; aggregate: Array<Record<string, unknown>> } {
  const ordered = (rows: Array<Record<string, unknown>>, cols: string[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
  return { runs: ordered(summaryRows(manifest, runs), summaryColumns(manifest)), aggregate: ordered(aggregateRows(manifest, runs), aggregateColumns(manifest)) };
}

/** Mean, sd and 95 % CI of one metric over runs; all null when any run lacks a value. */
export function aggregateMetric(values: ReadonlyArray<number | null>): Record<(typeof AGGREGATE_SUFFIXES)[number], number | null> {
  if (values.length === 0 || values.some((v) => v === null)) return { mean: null, sd: null, ci95Low: null, ci95High: null };
  const ci = confidenceInterval(values as number[]);
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return { mean: num(ci.mean), sd: num(ci.sd), ci95Low: num(ci.low), ci95High: num(ci.high) };
}

/** One aggregate row per point that has at least one run, in point order. */
export function aggregateRows(manifest: SweepManifest, runs: readonly RunRecord[]): Array<Record<string, unknown>> {
  const byPoint = new Map<number, RunRecord[]>();
  for (const r of runs) byPoint.set(r.point, [...(byPoint.get(r.point) ?? []), r]);
  const rows: Array<Record<string, unknown>> = [];
  for (const p of manifest.points) {
    const rs = byPoint.get(p.index);
    if (!rs) continue;
    const row: Record<string, unknown> = { point: p.index, ...p.values, n: rs.length };
    for (const m of SUMMARY_COLUMNS) {
      const agg = aggregateMetric(rs.map((r) => r.metrics[m] ?? null));
      for (const s of AGGREGATE_SUFFIXES) row[`${m}_${s}`] = agg[s];
    }
    rows.push(row);
  }
  return rows;
}

/** aggregate.csv text for these runs. */
export function sweepAggregateCsv(manifest: SweepManifest, runs: readonly RunRecord[]): string {
  return summaryCsv(aggregateRows(manifest, runs), aggregateColumns(manifest));
}
