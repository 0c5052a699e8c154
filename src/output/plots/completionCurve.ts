/**
 * Completion curve: the share of the fleet that has rebuilt and verified the image against time,
 * one step line per series (a run, a class, a sweep value), with an optional confidence band and
 * dashed guides at the target shares (90 % and 95 % by default). Time runs from the campaign start
 * or, for the distribution itself, from the session start (`origin`). Series differ by colour and
 * dash; a `style` group (the class) gets its own dash.
 */
import { roundNumber } from '../format.js';
import { PHASE_COLORS, PHASE_ORDER } from './campaignTimeline.js';
import { durationAxis, frame, GUIDE_COLOR, isTooltipPoint, PLOT_HEIGHT, SERIES_DASHES, sortLabels, tooltipLayer, type DurationAxis, type VlSpec } from './theme.js';

export interface CompletionSeriesPoint {
  /** seconds from the origin (campaign start, or session start) */
  timeS: number;
  /** share (0..1) of the fleet updated */
  share: number;
  /** lower and upper bound of a confidence band on the share, when known */
  shareLow?: number | null;
  shareHigh?: number | null;
}

export interface CompletionSeries {
  label: string;
  /** dash group (e.g. the class); by default the label */
  style?: string;
  points: CompletionSeriesPoint[];
}

export interface CompletionCurveOptions {
  title?: string;
  subtitle?: string | string[];
  /** legend title for the series, e.g. "Class" or "Redundancy (%)" */
  seriesTitle?: string;
  /** legend title for the style groups */
  styleTitle?: string;
  /** what time 0 is (default: the campaign start) */
  origin?: 'campaign' | 'session';
  /** right end of the time axis, s (default: the last point or phase) */
  endS?: number;
  /** target shares drawn as dashed guides */
  targets?: number[];
  /** fixed colours per series label */
  colorScale?: { domain: string[]; range: string[] };
  /** fixed dashes per style label */
  dashScale?: { domain: string[]; range: number[][] };
  /** campaign phases (seconds from the origin) shaded behind the curve, so its shape reads at a glance */
  phases?: Array<{ phase: string; startS: number; endS: number }>;
  /** plot height in pixels */
  height?: number;
}

const ORIGIN_TITLE = { campaign: 'Time since campaign start', session: 'Time since session start' };

/** The time axis of a completion curve over `maxS` seconds from `origin`. */
export function completionAxis(maxS: number, origin: 'campaign' | 'session'): DurationAxis {
  return durationAxis(maxS, ORIGIN_TITLE[origin]);
}

/** The layers and data of one completion panel (also used by runCompletion's two panels). */
export function completionPanel(series: CompletionSeries[], opts: CompletionCurveOptions = {}): VlSpec {
  const endS = opts.endS ?? Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.timeS)), ...(opts.phases ?? []).map((p) => p.endS));
  const phases = (opts.phases ?? []).filter((p) => p.endS > p.startS && p.startS < endS).map((p) => ({ ...p, endS: Math.min(p.endS, endS) }));
  const axis = completionAxis(endS, opts.origin ?? 'campaign');
  const values = series.flatMap((s) =>
    s.points.filter((p) => p.timeS <= endS).map((p, i, kept) => ({
      series: s.label,
      style: s.style ?? s.label,
      tip: isTooltipPoint(i, kept.length),
      t: axis.value(p.timeS),
      share: p.share,
      low: roundNumber(p.shareLow ?? null),
      high: roundNumber(p.shareHigh ?? null),
    })),
  );
  const hasBand = values.some((v) => v.low !== null && v.high !== null);
  const targets = opts.targets ?? [0.9, 0.95];
  const x = { field: 't', type: 'quantitative', title: axis.title, scale: { zero: true, nice: false, domain: [0, axis.value(endS)] } };
  const seriesDomain = opts.colorScale?.domain ?? sortLabels(series.map((s) => s.label));
  const legend = new Set(series.map((s) => s.label)).size > 1 ? {} : null;
  const seriesTitle = opts.seriesTitle ?? 'Series';
  const color = { field: 'series', type: 'nominal', title: seriesTitle, scale: { domain: seriesDomain, ...(opts.colorScale ? { range: opts.colorScale.range } : {}) }, legend };
  const styled = series.some((s) => s.style !== undefined);
  const styleDomain = opts.dashScale?.domain ?? sortLabels(series.map((s) => s.style ?? s.label));
  const styleLegend = new Set(series.map((s) => s.style ?? s.label)).size > 1 ? {} : null;
  const dash = styled
    ? { field: 'style', type: 'nominal', title: opts.styleTitle ?? 'Style', scale: { domain: styleDomain, range: opts.dashScale?.range ?? SERIES_DASHES }, legend: styleLegend }
    : { field: 'series', type: 'nominal', title: seriesTitle, scale: { domain: seriesDomain, range: SERIES_DASHES }, legend };
  const tooltip = [
    { field: 'series', type: 'nominal', title: seriesTitle },
    { field: 't', type: 'quantitative', title: `Time (${axis.unit})`, format: ',.2f' },
    { field: 'share', type: 'quantitative', title: 'Updated', format: '.1%' },
  ];
  const layers: VlSpec[] = [];
  if (phases.length > 0) {
    const wide = axis.value(endS) / 14;
    layers.push({
      data: { values: phases.map((p) => ({ phase: p.phase, t0: axis.value(p.startS), t1: axis.value(p.endS) })) },
      layer: [
        {
          mark: { type: 'rect', opacity: 0.13 },
          encoding: {
            x: { field: 't0', type: 'quantitative' },
            x2: { field: 't1' },
            fill: { field: 'phase', type: 'nominal', scale: { domain: PHASE_ORDER, range: PHASE_COLORS }, legend: null },
          },
        },
        {
          // phase names along the bottom (the top holds the target labels), where a phase is wide enough
          transform: [{ filter: `datum.t1 - datum.t0 > ${roundNumber(wide)}` }],
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -3, fontSize: 10, color: '#5A6270' },
          encoding: { x: { field: 't0', type: 'quantitative' }, y: { value: opts.height ?? PLOT_HEIGHT }, text: { field: 'phase' } },
        },
      ],
    });
  }
  if (hasBand) {
    layers.push({
      transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
      mark: { type: 'area', opacity: 0.18, interpolate: 'step-after' },
      // `fill`, not `color`: its own (identical) scale without a legend, so the legend shows the lines
      encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, fill: { ...color, legend: null } },
    });
  }
  layers.push(
    {
      data: { values: targets.map((t) => ({ target: t, label: `${roundNumber(t * 100)} %` })) },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 4], color: GUIDE_COLOR, strokeWidth: 1 }, encoding: { y: { field: 'target', type: 'quantitative' } } },
        // the guides' labels, where the panel is tall enough for them not to collide
        ...((opts.height ?? PLOT_HEIGHT) >= 200
          ? [{
              mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: GUIDE_COLOR, fontSize: 10 },
              encoding: { y: { field: 'target', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
            }]
          : []),
      ],
    },
    {
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.25 },
      encoding: {
        x,
        y: { field: 'share', type: 'quantitative', title: 'Devices updated', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color,
        strokeDash: dash,
      },
    },
    tooltipLayer(x, 'share', tooltip),
  );
  return { data: { values }, layer: layers, resolve: { legend: { fill: 'independent' } }, ...(opts.height ? { height: opts.height } : {}) };
}

export function completionCurve(series: CompletionSeries[], opts: CompletionCurveOptions = {}): VlSpec {
  return {
    ...frame(opts.title ?? 'Devices updated over time', opts.subtitle ?? 'Share of the fleet that has rebuilt and verified the image', { height: opts.height }),
    ...completionPanel(series, opts),
  };
}
