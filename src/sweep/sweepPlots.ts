/**
 * The plots of a sweep, from its run records and each run's completion curve (series.json): the
 * completion curve of every point from its session start (mean over replications, with a 95 %
 * band), and key metrics against a swept parameter with 95 % intervals.
 *
 * Series are the sweep points; when the class is swept it becomes the dash and shape of the lines
 * (class colours when it is the only other parameter), so class B and C differ by more than colour.
 * Legends list numbers by value. A point whose metric was not reached in every run is drawn as not
 * reached, with the share of devices that did update.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionStartFromPhases, shareAt, type CompletionPoint, type RunPlotData } from '../output/plotData.js';
import { CLASS_SCALE, CLASS_STYLE, completionCurve, metricInfo, metricVsParameter, parameterTitle, parametersTitle, type CompletionSeries, type CompletionSeriesPoint, type MetricPoint, type PlotEntry } from '../output/plots/index.js';
import type { SweepManifest } from './manifest.js';
import { shareInterval, type ShareInterval } from '../stats/proportion.js';
import { confidenceInterval } from '../stats/descriptive.js';
import { aggregateMetric, runDir, type RunRecord } from './tables.js';

/** Metrics drawn against the swept parameter, in report order. */
export const SWEEP_PLOT_METRICS: readonly string[] = ['timeTo90FromSessionS', 'timeTo95FromSessionS', 'timeTo95S', 'updatedRatio', 'energyMeanJ'];

export const CLASS_PATH = 'multicastGroup.dlClass';
const GRID_STEPS = 200;
const MAX_BANDS = 4;

/** A run's completion curve (s from the campaign start) and its session start (s from the campaign start, null without one). */
export interface RunCurve {
  completion: CompletionPoint[];
  sessionStartS: number | null;
}

function shortPath(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A point's label: its values of `paths`, e.g. `ClassB, 10`; the sweep's name when nothing is swept. */
export function pointLabel(manifest: SweepManifest, point: number, paths = manifest.sweptPaths): string {
  if (paths.length === 0) return manifest.name;
  const values = manifest.points[point].values;
  return paths.map((p) => valueText(values[p])).join(', ');
}

/** The swept path used as x axis: the last one whose values are all numbers, else the first. */
export function parameterPath(manifest: SweepManifest): string | null {
  const numeric = manifest.sweptPaths.filter((p) => manifest.points.every((pt) => typeof pt.values[p] === 'number'));
  return numeric.at(-1) ?? manifest.sweptPaths[0] ?? null;
}

/** The completion curve and session start of a run, from its series.json; null when absent. */
export function readCompletion(sweepDir: string, runId: string): RunCurve | null {
  const file = join(runDir(sweepDir, runId), 'series.json');
  if (!existsSync(file)) return null;
  const series = JSON.parse(readFileSync(file, 'utf8')) as { completion: CompletionPoint[]; phases?: RunPlotData['phases'] };
  return { completion: series.completion, sessionStartS: sessionStartFromPhases(series.phases ?? []) };
}

/** The session start of a run: summary.json's sessionStartS when it has one, else its curve's (phases). */
function sessionStartOf(run: RunRecord, curve: RunCurve | undefined): number | null {
  const s = run.metrics.sessionStartS;
  return typeof s === 'number' ? s : curve?.sessionStartS ?? null;
}

/**
 * A metric of a run. `timeTo…FromSessionS` comes from summary.json when present, else from the
 * campaign-relative `timeTo…S` minus the run's session start.
 */
export function runMetric(run: RunRecord, metric: string, curve?: RunCurve): number | null {
  const own = run.metrics[metric];
  if (own !== undefined) return own;
  const m = /^timeTo(\d+|All)FromSessionS$/.exec(metric);
  if (!m) return null;
  const t = run.metrics[`timeTo${m[1]}S`];
  const ss = sessionStartOf(run, curve);
  return t === null || t === undefined || ss === null ? null : t - ss;
}

/** How the series of a sweep's plots are split: colour by `series` paths, dash and shape by class. */
interface SeriesSplit {
  colorPaths: string[];
  /** the class is swept: dash and shape by class */
  byClass: boolean;
}

function splitSeries(paths: readonly string[]): SeriesSplit {
  const byClass = paths.includes(CLASS_PATH);
  return { colorPaths: paths.filter((p) => p !== CLASS_PATH), byClass };
}

/** The colour label and style (class) of a point under a split; class colours when the class is all there is. */
function seriesOf(manifest: SweepManifest, point: number, split: SeriesSplit): { series: string; style?: string } {
  const cls = split.byClass ? valueText(manifest.points[point].values[CLASS_PATH]) : undefined;
  // the class alone: it is the series (class colours, dashes and shapes in one legend)
  if (split.colorPaths.length === 0) return { series: cls ?? manifest.name };
  return { series: pointLabel(manifest, point, split.colorPaths), ...(cls === undefined ? {} : { style: cls }) };
}

function styleOptions(split: SeriesSplit) {
  const classOnly = split.byClass && split.colorPaths.length === 0;
  return {
    seriesTitle: classOnly ? 'Class' : parametersTitle(split.colorPaths, 'Sweep'),
    styleTitle: 'Class',
    ...(classOnly ? { colorScale: CLASS_SCALE } : {}),
  };
}

/** Mean completion share of each point on a common grid of time since the session start, with a 95 % band over replications. */
function completionSeries(manifest: SweepManifest, runs: readonly RunRecord[], curves: Map<string, RunCurve>, split: SeriesSplit): { series: CompletionSeries[]; endS: number } {
  const shifted = new Map<string, CompletionPoint[]>();
  let endS = 1;
  for (const r of runs) {
    const c = curves.get(r.runId);
    if (!c) continue;
    const ss = sessionStartOf(r, c) ?? 0;
    const pts = c.completion.map((p) => ({ timeS: Math.max(0, p.timeS - ss), share: p.share }));
    shifted.set(r.runId, pts);
    // up to a little after the last step up (not the plateau point at the campaign's end)
    for (let i = 1; i < pts.length; i++) if (pts[i].share > pts[i - 1].share) endS = Math.max(endS, pts[i].timeS * 1.08);
  }
  const grid = Array.from({ length: GRID_STEPS + 1 }, (_, k) => (endS * k) / GRID_STEPS);
  // bands of many series hide each other: draw them for up to MAX_BANDS points
  const bands = manifest.points.length <= MAX_BANDS;
  const series = manifest.points.flatMap((pt) => {
    const ofPoint = runs.filter((r) => r.point === pt.index && shifted.has(r.runId)).map((r) => shifted.get(r.runId) as CompletionPoint[]);
    if (ofPoint.length === 0) return [];
    const points: CompletionSeriesPoint[] = grid.map((t) => {
      const ci = confidenceInterval(ofPoint.map((c) => shareAt(c, t)));
      const band = bands && ofPoint.length > 1;
      const clamp = (x: number) => Math.min(1, Math.max(0, x));
      return { timeS: t, share: ci.mean, shareLow: band ? clamp(ci.low) : null, shareHigh: band ? clamp(ci.high) : null };
    });
    return [{ label: seriesOf(manifest, pt.index, split).series, style: seriesOf(manifest, pt.index, split).style, points }];
  });
  return { series, endS };
}

/** The share of devices updated in a run: rebuilt and verified (what time-to-X counts) when known, else Successful. */
function reachedShare(run: RunRecord): number | null {
  const n = run.metrics.devices;
  const k = run.metrics.devicesRebuilt ?? run.metrics.devicesUpdated;
  return typeof n === 'number' && n > 0 && typeof k === 'number' ? k / n : (run.metrics.updatedRatio ?? null);
}

/** Mean and interval of a share metric over runs (stats/proportion.ts), with the device counts behind it when the summaries have them. */
export function runsShareInterval(metric: string, own: readonly RunRecord[], shares: number[]): ShareInterval | null {
  const countMetric = metricInfo(metric).countMetric;
  const counts = countMetric ? own.map((r) => ({ k: r.metrics[countMetric], n: r.metrics.devices })) : [];
  const ok = counts.length > 0 && counts.every((c) => typeof c.k === 'number' && typeof c.n === 'number');
  return shareInterval(shares, ok ? (counts as Array<{ k: number; n: number }>) : null);
}

/** One point of a metric-vs-parameter plot: mean and interval over the point's runs, or what was reached instead. */
function metricPoint(metric: string, own: readonly RunRecord[], curves: Map<string, RunCurve>): Pick<MetricPoint, 'mean' | 'ciLow' | 'ciHigh' | 'n' | 'notReached'> {
  const values = own.map((r) => runMetric(r, metric, curves.get(r.runId)));
  const info = metricInfo(metric);
  if (info.kind === 'share' && values.every((v) => v !== null)) {
    const si = runsShareInterval(metric, own, values as number[]);
    return { mean: si?.mean ?? null, ciLow: si?.low ?? null, ciHigh: si?.high ?? null, n: own.length };
  }
  const agg = aggregateMetric(values);
  if (agg.mean !== null) return { mean: agg.mean, ciLow: agg.ci95Low, ciHigh: agg.ci95High, n: own.length };
  const shares = own.map(reachedShare).filter((s): s is number => s !== null);
  const share = shares.length > 0 ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
  return { mean: null, n: own.length, notReached: { share, runsReached: values.filter((v) => v !== null).length, runs: own.length } };
}

/** Every plot of the sweep, in report order. */
export function sweepPlots(manifest: SweepManifest, runs: readonly RunRecord[], curves: Map<string, RunCurve>): PlotEntry[] {
  const plots: PlotEntry[] = [];
  const band = manifest.points.length <= MAX_BANDS ? ', band = 95 % CI' : '';
  const reps = manifest.replications > 1 ? `mean of ${manifest.replications} replications${band}` : 'one run per point';
  if (curves.size > 0) {
    const split = splitSeries(manifest.sweptPaths);
    const { series, endS } = completionSeries(manifest, runs, curves, split);
    plots.push({
      name: 'completion',
      title: 'Devices updated over time, per sweep point',
      description: `The share of the fleet that has rebuilt and verified the image against time since the multicast session started, one line per sweep point (${reps}). Setup and the wait for the session come before time 0; the "from the campaign start" plots below include them.`,
      spec: completionCurve(series, {
        ...styleOptions(split),
        ...(split.byClass ? { dashScale: { domain: CLASS_STYLE.domain, range: CLASS_STYLE.dash } } : {}),
        origin: 'session',
        endS,
        subtitle: `${manifest.name}: ${reps}`,
      }),
    });
  }
  const xPath = parameterPath(manifest);
  if (!xPath) return plots;
  const split = splitSeries(manifest.sweptPaths.filter((p) => p !== xPath));
  for (const metric of SWEEP_PLOT_METRICS) {
    const info = metricInfo(metric);
    const points = manifest.points.flatMap((pt): MetricPoint[] => {
      const own = runs.filter((r) => r.point === pt.index);
      if (own.length === 0) return [];
      const x = pt.values[xPath];
      return [{ x: typeof x === 'number' ? x : valueText(x), ...seriesOf(manifest, pt.index, split), ...metricPoint(metric, own, curves) }];
    });
    // a metric without a value anywhere is left out, except a time to X %: never reaching X is the finding
    if (points.length === 0 || (points.every((p) => p.mean === null) && !metric.startsWith('timeTo'))) continue;
    const interval = info.kind === 'share' ? 'a 95 % interval kept within 0–100 % (Wilson score of the pooled devices, widened to the Student-t interval over replications)' : 'its 95 % confidence interval (Student t over the replications)';
    plots.push({
      name: `${metric}-vs-${shortPath(xPath)}`,
      title: `${info.title} against ${parameterTitle(xPath)}`,
      description: `${info.title}: mean over the replications of each sweep point, with ${interval}, against ${parameterTitle(xPath)}.` +
        (points.some((p) => p.mean === null) ? ' Points not reached in every run are drawn at the top as ▽, labelled with the share of devices that did update.' : ''),
      spec: metricVsParameter(points, {
        parameter: parameterTitle(xPath),
        metric: info.title,
        kind: info.kind,
        ...styleOptions(split),
        ...(split.byClass ? { styleScale: CLASS_STYLE } : {}),
        title: `${info.title} against ${parameterTitle(xPath).replace(/ \(.*\)$/, '').toLowerCase()}`,
      }),
    });
  }
  return plots;
}
