/**
 * For sweeps: one metric (mean over replications) against one swept parameter, one line per series
 * (e.g. per class), with 95 % confidence intervals as error bars.
 */
import { roundNumber } from '../format.js';
import { frame, seriesColor, type VlSpec } from './theme.js';

export interface MetricPoint {
  /** the swept parameter's value (number → quantitative axis, string → ordinal axis) */
  x: number | string;
  series: string;
  mean: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  /** replications behind the mean */
  n?: number;
}

export interface MetricVsParameterOptions {
  /** axis title of the parameter, with its unit, e.g. "Redundancy (%)" */
  parameter: string;
  /** axis title of the metric, with its unit, e.g. "Time to 90 % (s)" */
  metric: string;
  seriesTitle?: string;
  title?: string;
  subtitle?: string;
  colorScale?: { domain: string[]; range: string[] };
  /** d3 format of the metric in tooltips */
  format?: string;
}

export function metricVsParameter(points: MetricPoint[], opts: MetricVsParameterOptions): VlSpec {
  const numeric = points.every((p) => typeof p.x === 'number');
  const values = points.map((p) => ({
    x: typeof p.x === 'number' ? roundNumber(p.x) : p.x,
    series: p.series,
    mean: roundNumber(p.mean),
    low: roundNumber(p.ciLow ?? null),
    high: roundNumber(p.ciHigh ?? null),
    n: p.n ?? null,
  }));
  const seriesCount = new Set(points.map((p) => p.series)).size;
  const distinct = [...new Set(values.map((v) => v.x))];
  const x = numeric
    ? {
        field: 'x',
        type: 'quantitative',
        title: opts.parameter,
        scale: { zero: false, nice: false, padding: 16 },
        // ticks at the swept values themselves when there are few of them
        axis: distinct.length <= 12 ? { values: [...distinct].sort((a, b) => Number(a) - Number(b)), grid: false } : {},
      }
    : {
        field: 'x',
        type: 'ordinal',
        title: opts.parameter,
        // every swept value keeps its place, even one without a mean
        scale: { domain: distinct },
        axis: { labelAngle: 0 },
      };
  const color = seriesColor('series', opts.seriesTitle ?? 'Series', seriesCount, opts.colorScale);
  const fmt = opts.format ?? ',.4~g';
  const cap = { type: 'tick', orient: 'horizontal', size: 10, thickness: 1.5 };
  return {
    ...frame(opts.title ?? `${opts.metric} vs ${opts.parameter}`, opts.subtitle ?? 'Mean over replications; bars show the 95 % confidence interval'),
    data: { values },
    layer: [
      // error bars: a rule from low to high with a cap at each end, where the interval is known
      ...[
        { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
        { mark: cap, encoding: { x, y: { field: 'low', type: 'quantitative' }, color } },
        { mark: cap, encoding: { x, y: { field: 'high', type: 'quantitative' }, color } },
      ].map((layer) => ({ transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }], ...layer })),
      {
        transform: [{ filter: 'isValid(datum.mean)' }],
        mark: { type: 'line', point: { filled: true, size: 55 }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: opts.metric, scale: { zero: false } },
          color,
          tooltip: [
            { field: 'series', type: 'nominal', title: opts.seriesTitle ?? 'Series' },
            { field: 'x', title: opts.parameter },
            { field: 'mean', type: 'quantitative', title: 'Mean', format: fmt },
            { field: 'low', type: 'quantitative', title: '95 % CI low', format: fmt },
            { field: 'high', type: 'quantitative', title: '95 % CI high', format: fmt },
            { field: 'n', type: 'quantitative', title: 'Replications' },
          ],
        },
      },
    ],
  };
}
