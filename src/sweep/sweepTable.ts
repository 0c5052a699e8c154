/**
 * The sweep report's table: one row per sweep point with the swept values and a few key metrics,
 * each as a mean with its 95 % interval in words people read ("2.6 min (2.5–2.7)", "97.3 %
 * (95.1–98.6)"), instead of aggregate.csv's four columns for each of every metric (the report links
 * to the CSV files for those).
 */
import { metricInfo, parameterTitle } from '../output/plots/index.js';
import { timeUnitFor } from '../output/plots/theme.js';
import type { SweepManifest } from './manifest.js';
import { runMetric, runsShareInterval, type RunCurve } from './sweepPlots.js';
import { aggregateMetric, type RunRecord } from './tables.js';

/** The metrics of the sweep report's table, in column order. */
export const SWEEP_TABLE_METRICS: readonly string[] = ['updatedRatio', 'timeTo90FromSessionS', 'timeTo95S', 'energyMeanJ', 'downlinkAirtimeS'];

const COLUMN_TITLES: Record<string, string> = {
  updatedRatio: 'Devices updated',
  timeTo90FromSessionS: 'Time to 90 %, from session start',
  timeTo95S: 'Time to 95 %, from campaign start',
  energyMeanJ: 'Energy per device (mean)',
  downlinkAirtimeS: 'Downlink airtime',
};

/** Three significant digits, without trailing zeros. */
const sig3 = (v: number): string => String(Number(v.toPrecision(3)));

/** `2.6 min (2.5–2.7)`: the interval in the mean's unit. */
function durationText(mean: number, low: number | null, high: number | null): string {
  const u = timeUnitFor(mean);
  const f = (s: number) => sig3(s / u.seconds);
  return low === null || high === null ? `${f(mean)} ${u.unit}` : `${f(mean)} ${u.unit} (${f(low)}–${f(high)})`;
}

function shareText(mean: number, low: number | null, high: number | null): string {
  const f = (v: number) => String(Number((v * 100).toFixed(1)));
  return low === null || high === null ? `${f(mean)} %` : `${f(mean)} % (${f(low)}–${f(high)})`;
}

/** `3.15 J (3.12–3.18)`: the interval in the mean's unit (mJ below 1 J). */
function energyText(mean: number, low: number | null, high: number | null): string {
  const [unit, k] = Math.abs(mean) < 1 ? ['mJ', 1000] : ['J', 1];
  const f = (j: number) => sig3(j * k);
  return low === null || high === null ? `${f(mean)} ${unit}` : `${f(mean)} ${unit} (${f(low)}–${f(high)})`;
}

/** One cell: mean and interval of `metric` over a point's runs, or how often it was reached. */
export function metricCell(metric: string, own: readonly RunRecord[], curves: Map<string, RunCurve>): string {
  const values = own.map((r) => runMetric(r, metric, curves.get(r.runId)));
  const info = metricInfo(metric);
  if (info.kind === 'share') {
    if (values.some((v) => v === null)) return '—';
    const si = runsShareInterval(metric, own, values as number[]);
    return si ? shareText(si.mean, si.low, si.high) : '—';
  }
  const agg = aggregateMetric(values);
  if (agg.mean === null) {
    const reached = values.filter((v) => v !== null).length;
    return reached === 0 ? 'not reached' : `reached in ${reached} of ${values.length} runs`;
  }
  if (info.kind === 'duration') return durationText(agg.mean, agg.ci95Low, agg.ci95High);
  if (info.kind === 'energy') return energyText(agg.mean, agg.ci95Low, agg.ci95High);
  return sig3(agg.mean);
}

/** The table's columns and rows (text cells), one row per point that has runs. */
export function sweepKeyTable(manifest: SweepManifest, runs: readonly RunRecord[], curves: Map<string, RunCurve>): { columns: string[]; rows: string[][] } {
  const columns = [...manifest.sweptPaths.map(parameterTitle), 'Runs', ...SWEEP_TABLE_METRICS.map((m) => COLUMN_TITLES[m] ?? metricInfo(m).title)];
  const rows = manifest.points.flatMap((pt) => {
    const own = runs.filter((r) => r.point === pt.index);
    if (own.length === 0) return [];
    const values = manifest.sweptPaths.map((p) => {
      const v = pt.values[p];
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    return [[...values, String(own.length), ...SWEEP_TABLE_METRICS.map((m) => metricCell(m, own, curves))]];
  });
  return { columns, rows };
}
