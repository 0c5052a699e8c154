/**
 * Completion curve: the share of the fleet updated against time since the campaign started, one
 * step line per series (a run, a class, a sweep value), with an optional confidence band and
 * dashed guides at the target shares (90 % and 95 % by default).
 */
import { roundNumber } from '../format.js';
import { PHASE_COLORS, PHASE_ORDER } from './campaignTimeline.js';
import { PLOT_HEIGHT, frame, GUIDE_COLOR, inUnit, isTooltipPoint, seriesColor, timeUnitFor, tooltipLayer, type VlSpec } from './theme.js';

export interface CompletionSeriesPoint {
  /** seconds from campaign start */
  timeS: number;
  /** share (0..1) of the fleet updated */
  share: number;
  /** lower and upper bound of a confidence band on the share, when known */
  shareLow?: number | null;
  shareHigh?: number | null;
}

export interface CompletionSeries {
  label: string;
  points: CompletionSeriesPoint[];
}

export interface CompletionCurveOptions {
  title?: string;
  subtitle?: string;
  /** legend title for the series, e.g. "Class" or "Redundancy (%)" */
  seriesTitle?: string;
  /** target shares drawn as dashed guides */
  targets?: number[];
  /** fixed colours per series label */
  colorScale?: { domain: string[]; range: string[] };
  /** campaign phases (seconds from campaign start) shaded behind the curve, so its shape reads at a glance */
  phases?: Array<{ phase: string; startS: number; endS: number }>;
}

export function completionCurve(series: CompletionSeries[], opts: CompletionCurveOptions = {}): VlSpec {
  const phases = (opts.phases ?? []).filter((p) => p.endS > p.startS);
  const maxS = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.timeS)), ...phases.map((p) => p.endS));
  const unit = timeUnitFor(maxS);
  const values = series.flatMap((s) =>
    s.points.map((p, i) => ({
      series: s.label,
      tip: isTooltipPoint(i, s.points.length),
      t: inUnit(p.timeS, unit),
      share: p.share,
      low: roundNumber(p.shareLow ?? null),
      high: roundNumber(p.shareHigh ?? null),
    })),
  );
  const hasBand = values.some((v) => v.low !== null && v.high !== null);
  const targets = opts.targets ?? [0.9, 0.95];
  const x = { field: 't', type: 'quantitative', title: `Time since campaign start (${unit.unit})`, scale: { zero: true, nice: true } };
  const color = seriesColor('series', opts.seriesTitle ?? 'Series', series.length, opts.colorScale);
  const tooltip = [
    { field: 'series', type: 'nominal', title: opts.seriesTitle ?? 'Series' },
    { field: 't', type: 'quantitative', title: `Time (${unit.unit})`, format: ',.2f' },
    { field: 'share', type: 'quantitative', title: 'Updated', format: '.1%' },
  ];
  const layers: VlSpec[] = [];
  if (phases.length > 0) {
    layers.push({
      data: { values: phases.map((p) => ({ phase: p.phase, t0: inUnit(p.startS, unit), t1: inUnit(p.endS, unit) })) },
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
          transform: [{ filter: `datum.t1 - datum.t0 > ${inUnit(maxS, unit) / 14}` }],
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -3, fontSize: 10, color: '#5A6270' },
          encoding: { x: { field: 't0', type: 'quantitative' }, y: { value: PLOT_HEIGHT }, text: { field: 'phase' } },
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
        {
          mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: GUIDE_COLOR, fontSize: 10 },
          encoding: { y: { field: 'target', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
        },
      ],
    },
    {
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.25 },
      encoding: {
        x,
        y: { field: 'share', type: 'quantitative', title: 'Devices updated', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color,
      },
    },
    tooltipLayer(x, 'share', tooltip),
  );
  return {
    ...frame(opts.title ?? 'Devices updated over time', opts.subtitle ?? 'Share of the fleet that has rebuilt and verified the image'),
    data: { values },
    layer: layers,
    resolve: { legend: { fill: 'independent' } },
  };
}
