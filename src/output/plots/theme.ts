/**
 * The look shared by every plot: sizes, fonts, a colour-blind-safe palette (Okabe & Ito, without
 * its yellow, which is unreadable on white), fixed colours for device statuses and classes, and the
 * choice of a readable time unit.
 */
import { DEVICE_STATUSES } from '../../sim/types.js';
import { roundNumber } from '../format.js';

/** A vega-lite specification as plain JSON. */
export type VlSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const PLOT_WIDTH = 640;
export const PLOT_HEIGHT = 300;

/** Okabe–Ito colours: blue, orange, bluish green, reddish purple, vermillion, sky blue, grey. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#7F7F7F'];
export const LIMIT_COLOR = '#C0392B';
export const GUIDE_COLOR = '#8A8F98';

/**
 * The AWS FuotaDeviceStatus values in four groups, in legend order: success; the transfer or the
 * image check failed (fragments missing, memory, MIC); the device refused the session at setup;
 * not reached (Initial: never set up). Each group has its own shape, so the groups read apart even
 * without colour; the colours are distinct hues (Okabe & Ito, Paul Tol's muted set) and avoid blue,
 * which the device map uses for decode times.
 */
export const STATUS_GROUPS: ReadonlyArray<{ group: string; shape: string; statuses: Array<(typeof DEVICE_STATUSES)[number]> }> = [
  { group: 'success', shape: 'circle', statuses: ['Successful'] },
  { group: 'transfer or check failed', shape: 'cross', statuses: ['MissingFrag', 'MICError', 'MemoryError'] },
  {
    group: 'refused at setup',
    shape: 'diamond',
    statuses: ['Package_Not_Supported', 'FragAlgo_unsupported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay'],
  },
  { group: 'not reached', shape: 'square', statuses: ['Initial'] },
];

const STATUS_COLOR: Record<(typeof DEVICE_STATUSES)[number], string> = {
  Successful: '#009E73',
  MissingFrag: '#E69F00',
  MICError: '#CC3311',
  MemoryError: '#EE3377',
  Package_Not_Supported: '#AA4499',
  FragAlgo_unsupported: '#DDCC77',
  Not_enough_memory: '#882255',
  FragIndex_unsupported: '#CC6677',
  Wrong_descriptor: '#999933',
  SessionCnt_replay: '#8C510A',
  Initial: '#A0A4AA',
};

const STATUS_ORDER = STATUS_GROUPS.flatMap((g) => g.statuses);
const STATUS_SHAPE = Object.fromEntries(STATUS_GROUPS.flatMap((g) => g.statuses.map((s) => [s, g.shape]))) as Record<string, string>;

export const STATUS_SCALE = statusScale(DEVICE_STATUSES);

/** Colour (and shape) scales for the given statuses only (legends list what occurs), in group order. */
export function statusScale(present: Iterable<string>): { domain: string[]; range: string[]; shapes: string[] } {
  const set = new Set(present);
  const domain = STATUS_ORDER.filter((s) => set.has(s));
  return { domain, range: domain.map((s) => STATUS_COLOR[s]), shapes: domain.map((s) => STATUS_SHAPE[s]) };
}

/** Class colours, the same in every plot that splits by class. */
export const CLASS_SCALE = { domain: ['ClassB', 'ClassC'], range: ['#CC79A7', '#0072B2'] };

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** vega-lite `config` for every plot. */
export const PLOT_CONFIG = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 16, fontWeight: 600, anchor: 'start', color: '#1F2328', subtitleFontSize: 12, subtitleColor: '#57606A', offset: 12 },
  axis: {
    labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, titleColor: '#1F2328', labelColor: '#444C56',
    gridColor: '#E6E8EB', domainColor: '#8A8F98', tickColor: '#8A8F98', titlePadding: 8,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, orient: 'right', symbolStrokeWidth: 2, titleLimit: 240, labelLimit: 220 },
  range: { category: PALETTE },
  line: { strokeWidth: 2 },
};

/** The frame of a plot: schema, title with subtitle, size and theme. */
export function frame(title: string, subtitle: string | string[] | undefined, size?: { width?: number; height?: number }): VlSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle ? { text: title, subtitle } : title,
    width: size?.width ?? PLOT_WIDTH,
    height: size?.height ?? PLOT_HEIGHT,
    config: PLOT_CONFIG,
  };
}

export interface TimeUnit {
  /** short unit name for axis titles: s, min or h */
  unit: 's' | 'min' | 'h';
  /** seconds per unit */
  seconds: number;
}

/** A readable unit for a time span: seconds up to 2 min, minutes up to 2 h, hours beyond. */
export function timeUnitFor(maxS: number): TimeUnit {
  if (maxS <= 120) return { unit: 's', seconds: 1 };
  if (maxS <= 7200) return { unit: 'min', seconds: 60 };
  return { unit: 'h', seconds: 3600 };
}

/** `s` seconds in `unit`, rounded like every stored number. */
export function inUnit(s: number, unit: TimeUnit): number {
  return roundNumber(s / unit.seconds) ?? 0;
}

/**
 * A duration axis shared by every plot that shows time: the unit that reads best for the span
 * (`maxS`), a title naming what is measured and from when, with the unit, and the conversion.
 */
export interface DurationAxis extends TimeUnit {
  /** e.g. "Time since session start (min)" */
  title: string;
  /** seconds → axis value (rounded); null stays null */
  value(s: number): number;
}

export function durationAxis(maxS: number, what: string): DurationAxis {
  const unit = timeUnitFor(maxS);
  return { ...unit, title: `${what} (${unit.unit})`, value: (s: number) => inUnit(s, unit) };
}

/**
 * Labels in reading order: numbers by value (5, 10, 20, 40 — not 10, 20, 40, 5), within a label of
 * several comma-separated parts part by part (`ClassB, 5` before `ClassB, 10`), text alphabetically.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const parts = (l: string) => l.split(', ');
  const cmp = (a: string, b: string): number => {
    const [pa, pb] = [parts(a), parts(b)];
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const [na, nb] = [Number(pa[i]), Number(pb[i])];
      const c = pa[i] !== '' && pb[i] !== '' && Number.isFinite(na) && Number.isFinite(nb) ? na - nb : pa[i] < pb[i] ? -1 : pa[i] > pb[i] ? 1 : 0;
      if (c !== 0) return c;
    }
    return pa.length - pb.length;
  };
  return [...new Set(labels)].sort(cmp);
}

/** Dash patterns and point shapes for series, so that lines differ by more than colour (first: solid, circle). */
export const SERIES_DASHES: number[][] = [[1, 0], [7, 4], [2, 3], [10, 3, 2, 3], [4, 2, 4, 6]];
export const SERIES_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];

/** Class B dashed with squares, class C solid with circles, in every plot that splits by class. */
export const CLASS_STYLE = { domain: CLASS_SCALE.domain, dash: [[7, 4], [1, 0]], shape: ['square', 'circle'] };

/** Most invisible hover targets a line carries for its tooltips (keeps SVG files small). */
export const MAX_TOOLTIP_POINTS = 150;

/** Whether point `i` of `n` carries a tooltip: evenly spaced, the last one always. */
export function isTooltipPoint(i: number, n: number): boolean {
  const stride = Math.max(1, Math.ceil(n / MAX_TOOLTIP_POINTS));
  return i % stride === 0 || i === n - 1;
}

/** An invisible point layer that shows `tooltip` for the rows flagged `tip` (see isTooltipPoint). */
export function tooltipLayer(x: VlSpec, yField: string, tooltip: VlSpec[]): VlSpec {
  return {
    transform: [{ filter: 'datum.tip' }],
    mark: { type: 'point', opacity: 0, size: 80, filled: true, aria: false },
    encoding: { x, y: { field: yField, type: 'quantitative' }, tooltip },
  };
}

/** A nominal colour encoding for series: optional fixed colours, a legend only when there are several. */
export function seriesColor(field: string, title: string, count: number, colorScale?: { domain: string[]; range: string[] }): VlSpec {
  return { field, type: 'nominal', title, ...(colorScale ? { scale: colorScale } : {}), legend: count > 1 ? {} : null };
}
