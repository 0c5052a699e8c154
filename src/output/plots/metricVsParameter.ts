/**
 * For sweeps: one metric (mean over replications) against one swept parameter, one line per series
 * (e.g. per redundancy), with 95 % intervals as error bars. Series differ by colour and by dash and
 * point shape (a `style` group such as the class gets its own dash and shape). Durations are shown
 * in seconds, minutes or hours as fits, shares as percentages within [0, 1], energies in mJ or J.
 * A point whose metric was never reached (e.g. 90 % of the fleet never updated) is not dropped: it
 * is a hollow triangle at the top of the plot, labelled with the share of devices that did update.
 */
import { roundNumber } from '../format.js';
import type { MetricKind } from './labels.js';
import { durationAxis, frame, SERIES_DASHES, SERIES_SHAPES, sortLabels, type VlSpec } from './theme.js';

export interface MetricPoint {
  /** the swept parameter's value (number → quantitative axis, string → ordinal axis) */
  x: number | string;
  /** colour group, e.g. "10" (redundancy) */
  series: string;
  /** dash and shape group, e.g. "ClassB"; by default the series itself */
  style?: string;
  /** mean over replications, in the metric's own unit (s, J, share); null when not reached in every run */
  mean: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  /** replications behind the mean */
  n?: number;
  /** when `mean` is null: what was reached instead (the share of devices updated, runs that reached the metric) */
  notReached?: { share: number | null; runsReached: number; runs: number };
}

export interface MetricVsParameterOptions {
  /** axis title of the parameter, with its unit, e.g. "Redundancy (%)" */
  parameter: string;
  /** title of the metric, without unit, e.g. "Time to 90 % updated, from the session start" */
  metric: string;
  /** how to show the metric's values (default: plain numbers) */
  kind?: MetricKind;
  seriesTitle?: string;
  styleTitle?: string;
  title?: string;
  subtitle?: string;
  /** fixed colours per series label */
  colorScale?: { domain: string[]; range: string[] };
  /** fixed dashes and shapes per style label */
  styleScale?: { domain: string[]; dash: number[][]; shape: string[] };
}

/** Vertical pixels per stacked not-reached marker. */
const SLOT_PX = 16;

interface Axis {
  title: string;
  value(v: number): number;
  format: string;
  scale: VlSpec;
  axis: VlSpec;
}

/** The metric axis: its title with the unit, the conversion from the stored unit, tooltip format and scale. */
function metricAxis(kind: MetricKind, metric: string, values: number[]): Axis {
  const max = Math.max(0, ...values.map(Math.abs));
  if (kind === 'duration') {
    const d = durationAxis(max, metric);
    return { title: d.title, value: d.value, format: ',.3~f', scale: { zero: true, nice: true }, axis: {} };
  }
  if (kind === 'share') {
    return { title: metric, value: (v) => roundNumber(Math.min(1, Math.max(0, v))) ?? 0, format: '.1%', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  }
  if (kind === 'energy') {
    const milli = max < 1;
    return {
      title: `${metric} (${milli ? 'mJ' : 'J'})`,
      value: (v) => roundNumber(milli ? v * 1000 : v) ?? 0,
      format: ',.4~g',
      scale: { zero: true, nice: true },
      axis: {},
    };
  }
  return { title: metric, value: (v) => roundNumber(v) ?? 0, format: ',.4~g', scale: { zero: false }, axis: {} };
}

/** A long axis title on two lines, split after its first comma (a rotated title longer than the plot would push it aside). */
function axisTitleLines(title: string): string | string[] {
  const cut = title.indexOf(', ');
  return title.length > 36 && cut > 0 ? [title.slice(0, cut), title.slice(cut + 2)] : title;
}

function notReachedLabel(p: MetricPoint): string {
  const nr = p.notReached;
  if (!nr) return 'not reached';
  const share = nr.share === null ? '' : `${roundNumber(Math.round(nr.share * 1000) / 10)} %`;
  const runs = nr.runsReached > 0 ? ` (${nr.runsReached}/${nr.runs} runs)` : '';
  return `${share}${runs}` || 'not reached';
}

export function metricVsParameter(points: MetricPoint[], opts: MetricVsParameterOptions): VlSpec {
  const numeric = points.every((p) => typeof p.x === 'number');
  const kind = opts.kind ?? 'number';
  const known = points.flatMap((p) => [p.mean, p.ciLow ?? null, p.ciHigh ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const ax = metricAxis(kind, opts.metric, known);
  const conv = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : ax.value(v));
  // not-reached markers at the same x are stacked down from the top, one slot each
  const slots = new Map<string, number>();
  const slotOf = (p: MetricPoint): number => {
    const key = String(p.x);
    const k = slots.get(key) ?? 0;
    slots.set(key, k + 1);
    return k;
  };
  const values = points.map((p) => ({
    x: typeof p.x === 'number' ? roundNumber(p.x) : p.x,
    series: p.series,
    style: p.style ?? p.series,
    mean: conv(p.mean),
    low: conv(p.ciLow),
    high: conv(p.ciHigh),
    n: p.n ?? null,
    reached: p.mean !== null,
    label: p.mean === null ? notReachedLabel(p) : '',
    slotY: p.mean === null ? 8 + SLOT_PX * slotOf(p) : null,
  }));
  const maxSlots = Math.max(0, ...slots.values());
  const seriesDomain = opts.colorScale?.domain ?? sortLabels(values.map((v) => v.series));
  const styled = points.some((p) => p.style !== undefined);
  const styleDomain = opts.styleScale?.domain ?? sortLabels(values.map((v) => v.style));
  const distinct = numeric ? [...new Set(values.map((v) => v.x as number))].sort((a, b) => a - b) : [...new Set(values.map((v) => v.x))];
  const x = numeric
    ? {
        field: 'x', type: 'quantitative', title: opts.parameter,
        scale: { zero: false, nice: false, padding: 16 },
        // ticks at the swept values themselves when there are few of them
        axis: distinct.length <= 12 ? { values: distinct, grid: false } : {},
      }
    : { field: 'x', type: 'ordinal', title: opts.parameter, scale: { domain: distinct }, axis: { labelAngle: 0 } };
  const legend = seriesDomain.length > 1 ? {} : null;
  const color = { field: 'series', type: 'nominal', title: opts.seriesTitle ?? 'Series', scale: { domain: seriesDomain, ...(opts.colorScale ? { range: opts.colorScale.range } : {}) }, legend };
  const styleField = styled
    ? { field: 'style', title: opts.styleTitle ?? 'Style', domain: styleDomain, legend: styleDomain.length > 1 ? {} : null }
    : { field: 'series', title: opts.seriesTitle ?? 'Series', domain: opts.styleScale?.domain ?? seriesDomain, legend };
  const dash = { field: styleField.field, type: 'nominal', title: styleField.title, scale: { domain: styleField.domain, range: opts.styleScale?.dash ?? SERIES_DASHES }, legend: styleField.legend };
  const shape = { field: styleField.field, type: 'nominal', title: styleField.title, scale: { domain: styleField.domain, range: opts.styleScale?.shape ?? SERIES_SHAPES }, legend: styleField.legend };
  // room at the top for the not-reached markers, above the highest mean or interval
  const topRoom = kind !== 'share' && maxSlots > 0 && known.length > 0 ? { domainMax: roundNumber(ax.value(Math.max(...known)) * (1 + (0.1 + SLOT_PX * maxSlots / 300))), nice: false } : {};
  const y = { field: 'mean', type: 'quantitative', title: axisTitleLines(ax.title), scale: { ...ax.scale, ...topRoom }, axis: ax.axis };
  const cap = { type: 'tick', orient: 'horizontal', size: 10, thickness: 1.5 };
  const withInterval = { filter: 'isValid(datum.low) && isValid(datum.high)' };
  const tooltip = [
    { field: 'series', type: 'nominal', title: opts.seriesTitle ?? 'Series' },
    ...(styled ? [{ field: 'style', type: 'nominal', title: opts.styleTitle ?? 'Style' }] : []),
    { field: 'x', title: opts.parameter },
    { field: 'mean', type: 'quantitative', title: 'Mean', format: ax.format },
    { field: 'low', type: 'quantitative', title: '95 % interval, low', format: ax.format },
    { field: 'high', type: 'quantitative', title: '95 % interval, high', format: ax.format },
    { field: 'n', type: 'quantitative', title: 'Replications' },
  ];
  const layers: VlSpec[] = [
    // error bars: a rule from low to high with a cap at each end, where the interval is known
    { transform: [withInterval], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
    { transform: [withInterval], mark: cap, encoding: { x, y: { field: 'low', type: 'quantitative' }, color } },
    { transform: [withInterval], mark: cap, encoding: { x, y: { field: 'high', type: 'quantitative' }, color } },
    { transform: [{ filter: 'datum.reached' }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, strokeDash: dash } },
    { transform: [{ filter: 'datum.reached' }], mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { x, y, color, shape, tooltip } },
  ];
  const unreached = values.filter((v) => !v.reached);
  if (unreached.length > 0) {
    const notReachedTip = [
      { field: 'series', type: 'nominal', title: opts.seriesTitle ?? 'Series' },
      { field: 'x', title: opts.parameter },
      { field: 'label', type: 'nominal', title: 'Not reached; devices updated' },
    ];
    layers.push(
      {
        transform: [{ filter: '!datum.reached' }],
        mark: { type: 'point', shape: 'triangle-down', filled: false, size: 90, strokeWidth: 2, opacity: 1 },
        encoding: { x, y: { field: 'slotY', type: 'quantitative', scale: null }, color, tooltip: notReachedTip },
      },
      {
        transform: [{ filter: '!datum.reached' }],
        mark: { type: 'text', align: 'left', dx: 8, baseline: 'middle', fontSize: 10, angle: 0 },
        encoding: { x, y: { field: 'slotY', type: 'quantitative', scale: null }, text: { field: 'label' }, color },
      },
    );
  }
  const intervalNote = kind === 'share' ? 'bars show a 95 % interval within 0–100 %' : 'bars show the 95 % confidence interval';
  const subtitle = [opts.subtitle ?? `Mean over replications; ${intervalNote}`];
  if (unreached.length > 0) subtitle.push('▽ at the top: not reached in every run; its label is the share of devices updated (and the runs that reached it)');
  return {
    ...frame(opts.title ?? `${opts.metric} against ${opts.parameter}`, subtitle),
    data: { values },
    layer: layers,
  };
}
