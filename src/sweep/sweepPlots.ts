/**
 * The plots of a sweep, from its run records and each run's completion curve (series.json):
 * the completion curve of every point (mean over replications, with a 95 % band), and key metrics
 * against a swept parameter with 95 % confidence intervals.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionPoint } from '../output/plotData.js';
import { completionCurve, metricVsParameter, type CompletionSeriesPoint, type PlotEntry } from '../output/plots/index.js';
import type { SweepManifest } from './manifest.js';
import { confidenceInterval } from './stats.js';
import { aggregateMetric, runDir, type RunRecord } from './tables.js';

/** Metrics drawn against the swept parameter, with their axis titles. */
export const SWEEP_PLOT_METRICS: ReadonlyArray<{ metric: string; title: string }> = [
  { metric: 'timeTo90S', title: 'Time to 90 % updated (s)' },
  { metric: 'timeTo95S', title: 'Time to 95 % updated (s)' },
  { metric: 'energyMeanJ', title: 'Mean energy per device (J)' },
  { metric: 'updatedRatio', title: 'Share of devices updated' },
];

const GRID_STEPS = 200;
const MAX_BANDS = 4;

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

/** The legend title for labels of `paths`: `dlClass, redundancyPercent`. */
function labelTitle(paths: readonly string[], fallback: string): string {
  return paths.map(shortPath).join(', ') || fallback;
}

/** The swept path used as x axis: the last one whose values are all numbers, else the first. */
export function parameterPath(manifest: SweepManifest): string | null {
  const numeric = manifest.sweptPaths.filter((p) => manifest.points.every((pt) => typeof pt.values[p] === 'number'));
  return numeric.at(-1) ?? manifest.sweptPaths[0] ?? null;
}

function shareAt(curve: readonly CompletionPoint[], t: number): number {
  let share = 0;
  for (const p of curve) {
    if (p.timeS > t) break;
    share = p.share;
  }
  return share;
}

/** The completion curve of a run, from its series.json; null when absent. */
export function readCompletion(sweepDir: string, runId: string): CompletionPoint[] | null {
  const file = join(runDir(sweepDir, runId), 'series.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { completion: CompletionPoint[] }).completion;
}

/** Mean completion share of each point on a common time grid, with a 95 % band over replications. */
function completionSeries(manifest: SweepManifest, runs: readonly RunRecord[], curves: Map<string, CompletionPoint[]>) {
  const endS = Math.max(1, ...[...curves.values()].map((c) => c.at(-1)?.timeS ?? 0));
  const grid = Array.from({ length: GRID_STEPS + 1 }, (_, k) => (endS * k) / GRID_STEPS);
  // bands of many series hide each other: draw them for up to MAX_BANDS points
  const bands = manifest.points.length <= MAX_BANDS;
  return manifest.points.flatMap((pt) => {
    const ofPoint = runs.filter((r) => r.point === pt.index && curves.has(r.runId)).map((r) => curves.get(r.runId) as CompletionPoint[]);
    if (ofPoint.length === 0) return [];
    const points: CompletionSeriesPoint[] = grid.map((t) => {
      const ci = confidenceInterval(ofPoint.map((c) => shareAt(c, t)));
      const band = bands && ofPoint.length > 1;
      const clamp = (x: number) => Math.min(1, Math.max(0, x));
      return { timeS: t, share: ci.mean, shareLow: band ? clamp(ci.low) : null, shareHigh: band ? clamp(ci.high) : null };
    });
    return [{ label: pointLabel(manifest, pt.index), points }];
  });
}

/** Every plot of the sweep, in report order. */
export function sweepPlots(manifest: SweepManifest, runs: readonly RunRecord[], curves: Map<string, CompletionPoint[]>): PlotEntry[] {
  const plots: PlotEntry[] = [];
  const band = manifest.points.length <= MAX_BANDS ? ', band = 95 % CI' : '';
  const reps = manifest.replications > 1 ? `mean of ${manifest.replications} replications${band}` : 'one run per point';
  if (curves.size > 0) {
    plots.push({
      name: 'completion',
      title: 'Devices updated over time, per sweep point',
      description: `The share of the fleet that has rebuilt and verified the image against time since the campaign started, one line per sweep point (${reps}).`,
      spec: completionCurve(completionSeries(manifest, runs, curves), {
        seriesTitle: labelTitle(manifest.sweptPaths, 'Sweep'),
        subtitle: `${manifest.name}: ${reps}`,
      }),
    });
  }
  const xPath = parameterPath(manifest);
  if (!xPath) return plots;
  const others = manifest.sweptPaths.filter((p) => p !== xPath);
  for (const { metric, title } of SWEEP_PLOT_METRICS) {
    const points = manifest.points.flatMap((pt) => {
      const own = runs.filter((r) => r.point === pt.index);
      if (own.length === 0) return [];
      const agg = aggregateMetric(own.map((r) => r.metrics[metric] ?? null));
      const x = pt.values[xPath];
      return [{
        x: typeof x === 'number' ? x : valueText(x),
        series: others.length > 0 ? pointLabel(manifest, pt.index, others) : manifest.name,
        mean: agg.mean,
        ciLow: agg.ci95Low,
        ciHigh: agg.ci95High,
        n: own.length,
      }];
    });
    if (points.every((p) => p.mean === null)) continue; // never reached anywhere: nothing to draw
    plots.push({
      name: `${metric}-vs-${shortPath(xPath)}`,
      title: `${title} against ${xPath}`,
      description: `${title}: mean over the replications of each sweep point, with its 95 % confidence interval (Student t), against ${xPath}.`,
      spec: metricVsParameter(points, { parameter: xPath, metric: title, seriesTitle: labelTitle(others, 'Sweep') }),
    });
  }
  return plots;
}
